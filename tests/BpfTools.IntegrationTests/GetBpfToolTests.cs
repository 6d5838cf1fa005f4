using Xunit;

namespace BpfTools.IntegrationTests;

[Collection(KernelCollection.Name)]
public sealed class GetBpfToolTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Lists_each_backend_of_execsnoop_with_what_this_host_can_run()
    {
        var result = _session.Invoke("Get-BpfTool execsnoop -IncludeVersion");
        result.AssertNoErrors();
        Assert.Equal(["Libbpf", "Bcc", "Bpftrace"], result.Output.Select(o => o.Properties["Backend"].Value.ToString()));

        var libbpf = result.Output[0];
        Assert.Equal("Get-BpfExec", libbpf.Properties["Cmdlet"].Value);
        Assert.True((bool)libbpf.Properties["Installed"].Value);
        Assert.True((bool)libbpf.Properties["CanRun"].Value, (string)libbpf.Properties["Reason"].Value);

        var bpftrace = result.Output[2];
        Assert.StartsWith("bpftrace v", (string)bpftrace.Properties["Version"].Value, StringComparison.Ordinal);
        Assert.True((bool)bpftrace.Properties["CanRun"].Value);

        // bcc's Python tools need kprobes and kernel headers, which this kernel lacks.
        var bcc = result.Output[1];
        Assert.False((bool)bcc.Properties["CanRun"].Value);
        Assert.Contains((string)bcc.Properties["ReasonId"].Value, new[] { "ToolNotInstalled", "KprobesUnavailable", "KernelHeadersMissing" });
        Assert.NotEmpty((string)bcc.Properties["Reason"].Value);
    }

    [Fact]
    public void Finds_tools_by_cmdlet_name_and_wildcard()
    {
        Assert.Equal(3, _session.Invoke("Get-BpfTool Get-BpfE*").Output.Count);
        Assert.Empty(_session.Invoke("Get-BpfTool nosuchtool").Output);
    }

    [Fact]
    public void Tab_completion_offers_tool_names()
    {
        var result = _session.Invoke("(TabExpansion2 -inputScript 'Get-BpfTool exec' -cursorColumn 16).CompletionMatches.CompletionText");
        Assert.Contains("execsnoop", result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Module_exports_exactly_its_cmdlets()
    {
        var result = _session.Invoke("(Get-Module BpfTools).ExportedCmdlets.Keys");
        Assert.Equal(["Get-BpfExec", "Get-BpfOpen", "Get-BpfTcpRetransmit", "Get-BpfTool"], result.Output.Select(o => o.ToString()).Order());
    }
}
