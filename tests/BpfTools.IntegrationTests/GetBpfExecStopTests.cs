using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>However a run ends, the tool process is gone afterwards (and with it, its probes).</summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfExecStopTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void After_Duration_the_run_ends_and_no_tool_is_left()
    {
        var result = _session.Invoke("Get-BpfExec -Duration 2");
        result.AssertNoErrors();
        Assert.Empty(result.Errors);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void After_MaxEvents_the_run_ends_by_itself_with_exactly_that_many()
    {
        var marker = Kernel.UniqueMissingPath("maxevents");
        using (Kernel.RepeatFailingExec(marker, everyMs: 50))
        {
            var result = ModuleSession.Complete(_session.Start("Get-BpfExec -MaxEvents 3"), TimeSpan.FromSeconds(60));
            result.AssertNoErrors();
            Assert.Equal(3, result.Output.Count);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Stopping_the_pipeline_like_CtrlC_stops_the_tool()
    {
        var marker = Kernel.UniqueMissingPath("stop");
        using (Kernel.RepeatFailingExec(marker))
        {
            var running = _session.Start("Get-BpfExec");
            Assert.True(running.WaitForOutput(1, TimeSpan.FromSeconds(30)), "no event before stopping");
            Assert.NotEmpty(Kernel.ChildTools());
            running.PowerShell.Stop();
            ModuleSession.Complete(running, TimeSpan.FromSeconds(30));
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Downstream_ending_the_pipeline_stops_the_tool()
    {
        // `break` in ForEach-Object unwinds the pipeline through Get-BpfExec's WriteObject, as `Select -First` does.
        var marker = Kernel.UniqueMissingPath("downstream");
        using (Kernel.RepeatFailingExec(marker))
        {
            var result = ModuleSession.Complete(_session.Start("Get-BpfExec | ForEach-Object { $_; break }"), TimeSpan.FromSeconds(60));
            Assert.Single(result.Output);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Tool_that_dies_mid_run_ends_the_cmdlet_with_a_ToolExited_error()
    {
        var running = _session.Start("Get-BpfExec -Duration 30");
        var pid = Kernel.WaitForChildTool(TimeSpan.FromSeconds(30));
        Thread.Sleep(1000);
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        var result = ModuleSession.Complete(running, TimeSpan.FromSeconds(20));
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ToolExited,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationStopped, error.CategoryInfo.Category);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }
}
