using System.Diagnostics;

/// <summary>
/// bench/replay.c compiled under a tool's name in a folder put first on BPFTOOLS_PATH, so Get-BpfOpen runs it
/// exactly as it runs the real opensnoop (through stdbuf -oL). It replays a capture's lines as fast as C stdio can.
/// </summary>
public sealed class ReplayStandIn : IDisposable
{
    private readonly string _folder;

    public ReplayStandIn(string toolName, string capture)
    {
        _folder = Directory.CreateTempSubdirectory("bpftools-bench-").FullName;
        Executable = Path.Combine(_folder, toolName);
        var source = Path.Combine(AppContext.BaseDirectory, "replay.c");
        using (var cc = Process.Start(new ProcessStartInfo("cc", ["-O2", "-o", Executable, source]) { RedirectStandardError = true })!)
        {
            var errors = cc.StandardError.ReadToEnd();
            cc.WaitForExit();
            if (cc.ExitCode != 0)
            {
                throw new InvalidOperationException("cc could not build the replay stand-in: " + errors);
            }
        }
        LogFile = Path.Combine(_folder, "replay.log");
        Environment.SetEnvironmentVariable("BPFTOOLS_PATH", _folder);
        Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_FILE", capture);
        Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_LOG", LogFile);
    }

    public string Executable { get; }

    /// <summary>The folder put first on BPFTOOLS_PATH, where the stand-in is also found under other names.</summary>
    public string Folder => _folder;

    /// <summary>The stand-in under another tool's name too (bpftrace, to replay bpftrace's JSON).</summary>
    public string Alias(string toolName)
    {
        var alias = Path.Combine(_folder, toolName);
        File.Copy(Executable, alias, true);
        return alias;
    }

    /// <summary>The capture the next runs replay (a file under the bench's fixtures folder).</summary>
    public static string Capture
    {
        set => Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_FILE", Path.Combine(AppContext.BaseDirectory, "fixtures", value));
    }

    private string LogFile { get; }

    /// <summary>How many record lines the next run writes (after the header).</summary>
    public static long Lines
    {
        set => Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_LINES", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// True: the next runs write in 64 KiB blocks even under stdbuf -oL, as fast as the stand-in can.
    /// False: they write as stdio decides (line by line under stdbuf -oL, as BpfTools runs libbpf-tools).
    /// </summary>
    public static bool FullyBuffered
    {
        set => Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_BUFFERED", value ? "1" : null);
    }

    /// <summary>How long the last run took to write its lines, by its own clock (longer when its reader held it back).</summary>
    public TimeSpan LastWriteTime
    {
        get
        {
            var last = File.ReadAllLines(LogFile)[^1].Split(' ');
            return TimeSpan.FromSeconds(double.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Runs the stand-in alone under stdbuf -oL, as BpfTools would, with its output to /dev/null; returns the wall time.</summary>
    public TimeSpan RunToDevNull() => RunInShell("exec stdbuf -oL \"$0\" > /dev/null");

    /// <summary>
    /// The same, its output into a pipe that cat drains (in large reads) and throws away: the real limit of anything
    /// that reads the tool, since every reader gets the tool through a pipe (/dev/null costs the tool nothing).
    /// </summary>
    public TimeSpan RunIntoCat() => RunInShell("stdbuf -oL \"$0\" | cat > /dev/null");

    private TimeSpan RunInShell(string script)
    {
        // Redirections through a shell: the simplest way to hand a child /dev/null or a pipe as its stdout.
        var shell = new ProcessStartInfo("/bin/sh", ["-c", script, Executable]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(shell)!;
        process.WaitForExit();
        return clock.Elapsed;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("BPFTOOLS_PATH", null);
        Directory.Delete(_folder, true);
    }
}
