using System.Diagnostics;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Records;

namespace BpfTools.Runner;

/// <summary>
/// How a user who is not root traces: through <c>sudo -n</c> and the module's guard, when a sudoers rule
/// (Get-BpfSudoersRule) allows the exact command. Never a password prompt (-n), never a shell: an argument array.
/// </summary>
/// <remarks>
/// sudo runs <c>&lt;module&gt;/libexec/bpftools-sudo-guard TOOL ARGS...</c>. The parent-death signal does not cross
/// setuid sudo, so the guard ties the tool's life to a pipe PowerShell holds open on its stdin for the whole run
/// (see <see cref="TracingRun{TRecord}"/>): when PowerShell ends, however, the pipe ends and the guard stops the tool.
/// </remarks>
internal sealed class SudoRoute(string sudo, string guard)
{
    /// <summary>The guard's path inside the module, the first word of every rule.</summary>
    public static string GuardPath(string moduleFolder) => Path.Combine(moduleFolder, "libexec", "bpftools-sudo-guard");

    /// <summary>How long <c>sudo -n -l</c> may take to answer (a slow LDAP or sssd lookup) before the route is given up.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>sudo's path.</summary>
    public string Sudo { get; } = sudo;

    /// <summary>The guard sudo runs.</summary>
    public string Guard { get; } = guard;

    /// <summary>The route, when sudo is installed and the module has its guard; otherwise null.</summary>
    public static SudoRoute? Find(string moduleFolder)
    {
        var sudo = ToolLocator.Find(["sudo"]);
        var guard = GuardPath(moduleFolder);
        return sudo is not null && File.Exists(guard) ? new SudoRoute(sudo, guard) : null;
    }

    /// <summary>
    /// The tool's own command, as a rule names it: the executable and its arguments, with bpftrace's bundled program
    /// fixed before "--". Null for bpftrace with a free program (Invoke-BpfTrace), which no rule may allow.
    /// </summary>
    public static IReadOnlyList<string>? ToolCommand(LocatedBackend check, IReadOnlyList<string> toolArguments)
    {
        var path = check.Path ?? throw new InvalidOperationException("The backend is not installed.");
        if (check.Kind != BackendKind.Bpftrace)
        {
            return [path, .. toolArguments];
        }
        return check.ProgramPath is { } program ? [path, "-f", "json", program, "--", .. toolArguments] : null;
    }

    /// <summary>
    /// Why sudo will not run the backend with <paramref name="toolArguments"/> (NotPrivileged, with sudo's answer), or
    /// null when a rule allows it; then <paramref name="command"/> is the tool's command (<see cref="ToolCommand"/>).
    /// </summary>
    public Problem? Refusal(LocatedBackend check, IReadOnlyList<string> toolArguments, out IReadOnlyList<string> command)
    {
        if (ToolCommand(check, toolArguments) is not { } allowed)
        {
            command = [];
            return LocatedBackend.NotPrivileged("no rule may allow bpftrace with a free program");
        }
        command = allowed;
        return Allows(allowed, out var refusal) ? null : LocatedBackend.NotPrivileged(refusal);
    }

    /// <summary>The invocation through sudo: <c>sudo -n -- GUARD TOOL ARGS...</c>.</summary>
    public ToolInvocation Invocation(IReadOnlyList<string> toolCommand) =>
        new(Sudo, ["-n", "--", Guard, .. toolCommand], new Dictionary<string, string?>()) { ThroughSudo = true };

    /// <summary>
    /// Whether sudo allows <paramref name="toolCommand"/> through the guard without a password:
    /// <c>sudo -n -l -- GUARD TOOL ARGS...</c> exits 0 only when a rule matches that exact argument list.
    /// </summary>
    /// <param name="toolCommand">The tool's command (<see cref="ToolCommand"/>).</param>
    /// <param name="why">When not allowed: what sudo said, for the error.</param>
    public bool Allows(IReadOnlyList<string> toolCommand, out string why)
    {
        var start = new ProcessStartInfo(Sudo, ["-n", "-l", "--", Guard, .. toolCommand])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        try
        {
            using var check = Process.Start(start);
            if (check is null)
            {
                why = "sudo could not be started.";
                return false;
            }
            check.StandardInput.Close();
            var stderr = check.StandardError.ReadToEndAsync();
            _ = check.StandardOutput.ReadToEndAsync();
            if (!check.WaitForExit(CheckTimeout))
            {
                check.Kill();
                why = $"sudo -n -l did not answer within {CheckTimeout.TotalSeconds:0} s.";
                return false;
            }
            var said = stderr.Wait(TimeSpan.FromSeconds(1)) ? stderr.Result.Trim() : "";
            why = check.ExitCode == 0 ? "" : said.Length > 0 ? $"sudo said: {said}" : "no sudoers rule allows it";
            return check.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = e.Message;
            return false;
        }
    }
}
