using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class OffCpuTimeCatalogTests
{
    private static readonly OffCpuTimeOptions All = new(null, null, false, false, null, null, TimeSpan.FromSeconds(10));

    private static IReadOnlyList<string> Arguments(BackendKind kind, OffCpuTimeOptions options, TimeSpan? duration = null) =>
        ToolCatalog.OffCpuTime.Backends.Single(b => b.Kind == kind).Arguments(options, duration);

    [Fact]
    public void Libbpf_then_bpftrace_on_sched_switch()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bpftrace], ToolCatalog.OffCpuTime.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.OffCpuTime.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
        Assert.Equal("offcputime.bt", ToolCatalog.OffCpuTime.Backends[1].Program);
        Assert.Contains(ToolCatalog.OffCpuTime, ToolCatalog.All);
    }

    [Fact]
    public void Libbpf_gets_its_filters_and_the_duration_it_ends_by()
    {
        Assert.Equal(["10"], Arguments(BackendKind.Libbpf, All));
        var some = new OffCpuTimeOptions(1234, 1240, true, false, TimeSpan.FromTicks(15_005), TimeSpan.FromTicks(20_009), TimeSpan.FromSeconds(2.5));
        // -m rounds up and -M down, so no block outside the range passes; the duration rounds up.
        Assert.Equal(["-p", "1234", "-t", "1240", "-u", "-m", "1501", "-M", "2000", "3"], Arguments(BackendKind.Libbpf, some));
        Assert.Equal(["-k", "1"], Arguments(BackendKind.Libbpf, All with { KernelThreadsOnly = true, Duration = TimeSpan.FromMilliseconds(10) }));
    }

    [Fact]
    public void Bpftrace_gets_positional_filters_and_its_time_limit()
    {
        Assert.Equal(["-1", "-1", "0", "0", "-1", "-1"], Arguments(BackendKind.Bpftrace, All));
        var some = new OffCpuTimeOptions(1234, 1240, false, true, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(["1234", "1240", "2", "1000", "1000000", "15"], Arguments(BackendKind.Bpftrace, some, TimeSpan.FromSeconds(5)));
        Assert.Equal("1", Arguments(BackendKind.Bpftrace, All with { UserThreadsOnly = true })[2]);
    }
}
