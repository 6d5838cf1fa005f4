using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class RunQueueDelayCatalogTests
{
    private static BackendSpec<RunQueueDelayOptions, RunQueueDelayEvent> Backend(BackendKind kind) =>
        ToolCatalog.RunQueueDelay.Backends.Single(b => b.Kind == kind);

    private static readonly RunQueueDelayOptions Default = new(TimeSpan.FromMilliseconds(10), null, null);

    [Fact]
    public void Listed_with_backends_in_auto_order_all_on_tracepoints()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.RunQueueDelay.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.RunQueueDelay, ToolCatalog.All);
        Assert.Equal(("runqslower", "Get-BpfRunQueueDelay"), (ToolCatalog.RunQueueDelay.Name, ToolCatalog.RunQueueDelay.Cmdlet));
        Assert.All(ToolCatalog.RunQueueDelay.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void Text_tools_get_previous_columns_filters_and_the_threshold_last(BackendKind kind)
    {
        Assert.Equal(["-P", "10000"], Backend(kind).Arguments(Default));
        Assert.Equal(["-P", "-p", "42", "-t", "43", "250"], Backend(kind).Arguments(new RunQueueDelayOptions(TimeSpan.FromMicroseconds(250), 42, 43)));
        // No duration flag: the runner stops them.
        Assert.Equal(["-P", "10000"], Backend(kind).Arguments(Default, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(2505, "250")]   // 250.5 us: rounded down, the cmdlet keeps only what is over 250.5
    [InlineData(5, "1")]        // under a microsecond: runqslower refuses 0
    [InlineData(10_000_000, "1000000")]
    public void Threshold_goes_in_whole_microseconds_rounded_down_and_at_least_1(long ticks, string expected)
    {
        Assert.Equal(expected, new RunQueueDelayOptions(TimeSpan.FromTicks(ticks), null, null).ThresholdMicroseconds);
    }

    [Fact]
    public void Bpftrace_gets_pid_tid_threshold_and_its_time_limit()
    {
        var bpftrace = Backend(BackendKind.Bpftrace);
        Assert.Equal("runqslower.bt", bpftrace.Program);
        Assert.Equal(["-1", "-1", "10000", "-1"], bpftrace.Arguments(Default));
        Assert.Equal(["42", "43", "100", "-1"], bpftrace.Arguments(new RunQueueDelayOptions(TimeSpan.FromMicroseconds(100), 42, 43)));
        Assert.NotEqual("-1", bpftrace.Arguments(Default, TimeSpan.FromSeconds(5))[3]);
    }

    [Fact]
    public void Bundled_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", Backend(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}
