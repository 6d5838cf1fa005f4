using System.Diagnostics;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class DefaultInterruptTests
{
    [Fact]
    public void Tools_run_under_env_that_resets_SIGINT_then_exactly_as_built()
    {
        var tool = new ToolInvocation("/usr/sbin/execsnoop", ["-x"], new Dictionary<string, string?>());
        var run = DefaultInterrupt.Apply(tool);
        Assert.EndsWith("/env", run.FileName, StringComparison.Ordinal);
        Assert.Equal(["--default-signal=INT", "/usr/sbin/execsnoop", "-x"], run.Arguments);
    }

    [Fact]
    public void A_tool_started_by_a_process_that_ignores_SIGINT_can_still_trap_it()
    {
        // The outer shell ignores SIGINT, as a job started with & by a script does; the inner one, the "tool", traps it.
        var tool = DefaultInterrupt.Apply(new ToolInvocation("/bin/sh", ["-c", "trap 'echo trapped' INT; kill -INT $$; echo after"], new Dictionary<string, string?>()));
        var command = string.Join(' ', new[] { tool.FileName }.Concat(tool.Arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        using var outer = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "trap '' INT; " + command]) { RedirectStandardOutput = true })!;
        var output = outer.StandardOutput.ReadToEnd();
        outer.WaitForExit();
        Assert.Equal("trapped\nafter\n", output);
    }
}
