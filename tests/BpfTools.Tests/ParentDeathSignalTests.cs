using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class ParentDeathSignalTests
{
    [Fact]
    public void Tools_run_under_setpriv_with_a_parent_death_signal_then_exactly_as_built()
    {
        var tool = new ToolInvocation("/usr/bin/stdbuf", ["-oL", "/usr/sbin/execsnoop", "-x"], new Dictionary<string, string?> { ["A"] = "1" });
        var run = ParentDeathSignal.Apply(tool, out var why);
        Assert.Null(why);
        Assert.EndsWith("/setpriv", run.FileName, StringComparison.Ordinal);
        Assert.Equal(["--pdeathsig", "KILL", "--", "/usr/bin/stdbuf", "-oL", "/usr/sbin/execsnoop", "-x"], run.Arguments);
        Assert.Same(tool.Environment, run.Environment);
    }
}
