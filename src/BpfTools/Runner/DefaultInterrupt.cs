using System.Diagnostics;
using BpfTools.Locator;

namespace BpfTools.Runner;

/// <summary>
/// Gives the tool SIGINT's default disposition, whatever PowerShell inherited: a process started in the background
/// of a non-interactive shell (<c>pwsh -File capture.ps1 &amp;</c>) ignores SIGINT, and its children inherit that. C tools set
/// their own handler anyway, but Python (bcc's tools) installs none for a signal ignored at start, and shells cannot
/// trap it: SIGINT, the graceful stop that makes histogram tools print their tables, would do nothing, and the tool
/// would be killed at the end of the grace period instead, its final output lost.
/// </summary>
/// <remarks>coreutils' <c>env --default-signal=INT</c> (8.31 and later) resets it and execs the tool, which keeps the pid.</remarks>
internal static class DefaultInterrupt
{
    private static readonly Lazy<string?> Env = new(FindEnvThatResetsSignals);

    /// <summary><paramref name="tool"/> under <c>env --default-signal=INT</c>, or unchanged where env cannot do it.</summary>
    public static ToolInvocation Apply(ToolInvocation tool) => Env.Value is { } env
        ? tool with { FileName = env, Arguments = ["--default-signal=INT", tool.FileName, .. tool.Arguments] }
        : tool;

    private static string? FindEnvThatResetsSignals()
    {
        var env = ToolLocator.Find(["env"]);
        if (env is null)
        {
            return null;
        }
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(env, ["--default-signal=INT", "true"]) { RedirectStandardError = true });
            if (probe is null || !probe.WaitForExit(5000))
            {
                return null;
            }
            return probe.ExitCode == 0 ? env : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
