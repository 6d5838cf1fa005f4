using BpfTools.Locator;

namespace BpfTools.Runner;

/// <summary>
/// Ties a tool's life to PowerShell's: the tool runs under <c>setpriv --pdeathsig KILL</c> (util-linux), so the
/// kernel kills it when PowerShell dies, even by SIGKILL (an OOM kill, a killed SSH session, a timed-out job), when
/// nothing in PowerShell gets to run.
/// </summary>
/// <remarks>
/// setpriv sets PR_SET_PDEATHSIG and execs the tool (through stdbuf, which execs too): the setting survives execve of
/// binaries that are neither setuid nor setgid nor carry file capabilities, so the tool keeps the process id CliWrap
/// started, and SIGINT (the graceful stop) still reaches the tool itself. The signal fires when the *thread* that
/// forked the tool exits, not the process: <see cref="TracingRun{TRecord}"/> starts each tool from a thread that
/// lives exactly as long as the run.
/// </remarks>
internal static class ParentDeathSignal
{
    /// <summary>
    /// A test and diagnostic switch: "1" runs tools without the parent-death signal, to check the tools' own
    /// time limit alone. Read once, when the module first starts a tool.
    /// </summary>
    public const string DisableVariable = "BPFTOOLS_NO_PDEATHSIG";

    private static readonly bool Disabled = Environment.GetEnvironmentVariable(DisableVariable) == "1";

    /// <summary>
    /// <paramref name="tool"/> under setpriv, or unchanged when setpriv is missing or the switch is set;
    /// <paramref name="why"/> then says what that means, for -Verbose.
    /// </summary>
    public static ToolInvocation Apply(ToolInvocation tool, out string? why)
    {
        if (Disabled)
        {
            why = $"{DisableVariable}=1: the tool runs without a parent-death signal; if PowerShell is killed, it " +
                "runs on until its own time limit (-Duration plus a margin), or for ever without -Duration.";
            return tool;
        }
        var setpriv = ToolLocator.Find(["setpriv"]);
        if (setpriv is null)
        {
            why = "setpriv (util-linux) was not found, so the tool runs without a parent-death signal: if PowerShell " +
                "is killed, it runs on until its own time limit (-Duration plus a margin), or for ever without " +
                "-Duration. Install it: apt-get install util-linux";
            return tool;
        }
        why = null;
        return tool with { FileName = setpriv, Arguments = ["--pdeathsig", "KILL", "--", tool.FileName, .. tool.Arguments] };
    }
}
