using System.Diagnostics;
using System.Text;

namespace BpfTools.IntegrationTests;

/// <summary>
/// A real pwsh of its own, as a user runs it, with the built module imported: /usr/local/bin/pwsh is a dotnet global
/// tool, a launcher whose child process `dotnet` runs PowerShell; tools are that child's children.
/// </summary>
internal sealed class SeparatePwsh : IDisposable
{
    private readonly Process _launcher;
    private readonly StringBuilder _output = new();
    // Every process seen below pwsh, by pid, as last seen (setpriv and stdbuf exec the tool under the same pid).
    private readonly Dictionary<int, ProcEntry> _seen = [];

    private SeparatePwsh(Process launcher)
    {
        _launcher = launcher;
    }

    /// <summary>The pwsh that runs: the dotnet tool's launcher where CI installs it, else the first on PATH.</summary>
    public static string PwshPath { get; } = File.Exists("/usr/local/bin/pwsh") ? "/usr/local/bin/pwsh" : "pwsh";

    /// <summary>What the script wrote on stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts `pwsh -Command 'Import-Module ...; script'` with extra environment variables.</summary>
    public static SeparatePwsh Start(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(PwshPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-Command", $"Import-Module '{ModuleSession.ModuleManifest}'; {script}" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var pwsh = new SeparatePwsh(Process.Start(start)!);
        pwsh._launcher.OutputDataReceived += (_, e) => pwsh.Append(e.Data);
        pwsh._launcher.ErrorDataReceived += (_, e) => pwsh.Append(e.Data);
        pwsh._launcher.BeginOutputReadLine();
        pwsh._launcher.BeginErrorReadLine();
        return pwsh;
    }

    /// <summary>Waits until a process named <paramref name="tool"/> runs below the launcher, and returns it.</summary>
    public ProcEntry WaitForTool(string tool, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_launcher.HasExited)
        {
            var found = Descendants().FirstOrDefault(p => p.Name == tool && p.IsAlive);
            if (found is not null)
            {
                return found;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"No {tool} process started below pwsh within {timeout.TotalSeconds} s. pwsh said: {Output}");
    }

    /// <summary>
    /// SIGKILLs the process running PowerShell (the tool's parent, pwsh's `dotnet` child), as the OOM killer would,
    /// then the launcher, as a killed session would.
    /// </summary>
    public void KillPowerShell(ProcEntry tool)
    {
        var powershell = ProcEntry.Read(tool.ParentPid) ?? throw new InvalidOperationException("The tool's parent is gone already.");
        if (powershell.Pid != _launcher.Id && ProcEntry.Read(powershell.ParentPid)?.Pid != _launcher.Id)
        {
            throw new InvalidOperationException($"The tool's parent {powershell} is not pwsh or its child.");
        }
        Kill(powershell.Pid);
        if (!_launcher.HasExited)
        {
            _launcher.Kill();
        }
    }

    /// <summary>Waits until the pwsh launcher exits by itself, and its output is all read.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_launcher.WaitForExit(timeout))
        {
            return false;
        }
        _launcher.WaitForExit();
        return true;
    }

    /// <summary>Kills whatever is left of pwsh and of the tools seen below it, by pid, so that a failed test leaves nothing running.</summary>
    public void Dispose()
    {
        foreach (var process in _seen.Values.Where(p => p.StillAlive))
        {
            Kill(process.Pid);
        }
        if (!_launcher.HasExited)
        {
            _launcher.Kill(entireProcessTree: true);
        }
        _launcher.Dispose();
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    private List<ProcEntry> Descendants()
    {
        var all = ProcEntry.All();
        var below = new HashSet<int> { _launcher.Id };
        List<ProcEntry> found = [];
        for (var added = true; added;)
        {
            var next = all.Where(p => below.Contains(p.ParentPid) && !below.Contains(p.Pid)).ToList();
            found.AddRange(next);
            below.UnionWith(next.Select(p => p.Pid));
            added = next.Count > 0;
        }
        foreach (var process in found)
        {
            _seen[process.Pid] = process;
        }
        return found;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
