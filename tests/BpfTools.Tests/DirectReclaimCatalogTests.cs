using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class DirectReclaimCatalogTests
{
    private static readonly DirectReclaimOptions None = new(null, null);
    private static readonly DirectReclaimOptions Both = new(42, 43);

    private static BackendSpec<DirectReclaimOptions, DirectReclaimEvent> Backend(BackendKind kind) =>
        ToolCatalog.DirectReclaim.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Libbpf_takes_the_filters_and_the_time_limit_as_its_flags_and_never_e()
    {
        Assert.Empty(Backend(BackendKind.Libbpf).Arguments(None));
        Assert.Equal(["-p", "42", "-t", "43", "-d", "15"], Backend(BackendKind.Libbpf).Arguments(Both, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Bcc_adds_its_time_and_uid_columns()
    {
        Assert.Equal(["-T", "-U"], Backend(BackendKind.Bcc).Arguments(None));
        Assert.Equal(["-T", "-U", "-p", "42", "-t", "43", "-d", "15"], Backend(BackendKind.Bcc).Arguments(Both, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Bpftrace_takes_the_filters_and_the_time_limit_as_positional_parameters()
    {
        Assert.Equal(["-1", "-1", "-1"], Backend(BackendKind.Bpftrace).Arguments(None));
        Assert.Equal(["42", "43", "15"], Backend(BackendKind.Bpftrace).Arguments(Both, TimeSpan.FromSeconds(5)));
        Assert.Equal("drsnoop.bt", Backend(BackendKind.Bpftrace).Program);
    }

    [Fact]
    public void Every_backend_reads_tracepoints_in_the_Auto_order_and_the_tool_is_listed()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.DirectReclaim.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.DirectReclaim.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
        Assert.Contains(ToolCatalog.DirectReclaim, ToolCatalog.All);
    }
}
