using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpStateChangeCatalogTests
{
    private static BackendSpec<TcpStateChangeOptions, TcpStateChangeEvent> Backend(BackendKind kind) =>
        ToolCatalog.TcpStateChange.Backends.Single(b => b.Kind == kind);

    private static readonly TcpStateChangeOptions NoFilter = new(null, null, null);

    [Fact]
    public void Listed_with_backends_in_auto_order_all_on_tracepoints()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpStateChange.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.TcpStateChange, ToolCatalog.All);
        Assert.Equal(("tcpstates", "Get-BpfTcpStateChange"), (ToolCatalog.TcpStateChange.Name, ToolCatalog.TcpStateChange.Cmdlet));
        Assert.All(ToolCatalog.TcpStateChange.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void Text_tools_get_time_wide_columns_and_every_filter_as_their_own_flag(BackendKind kind)
    {
        Assert.Equal(["-T", "-w"], Backend(kind).Arguments(NoFilter));
        Assert.Equal(["-T", "-w", "-L", "80,443", "-D", "5432", "-6"],
            Backend(kind).Arguments(new TcpStateChangeOptions([80, 443], [5432], IPFamily.IPv6)));
        Assert.Equal(["-T", "-w", "-4"], Backend(kind).Arguments(NoFilter with { AddressFamily = IPFamily.IPv4 }));
        // No duration flag: the runner stops them.
        Assert.Equal(["-T", "-w"], Backend(kind).Arguments(NoFilter, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Bpftrace_gets_four_port_slots_each_the_family_number_and_its_time_limit()
    {
        var bpftrace = Backend(BackendKind.Bpftrace);
        Assert.Equal("tcpstates.bt", bpftrace.Program);
        Assert.Equal(Enumerable.Repeat("-1", 10), bpftrace.Arguments(NoFilter));
        Assert.Equal(["80", "443", "-1", "-1", "5432", "-1", "-1", "-1", "2", "-1"],
            bpftrace.Arguments(new TcpStateChangeOptions([80, 443], [5432], IPFamily.IPv4)));
        Assert.Equal("10", bpftrace.Arguments(NoFilter with { AddressFamily = IPFamily.IPv6 })[8]);
        Assert.NotEqual("-1", bpftrace.Arguments(NoFilter, TimeSpan.FromSeconds(5))[9]);
        // More ports than slots: none pushed down, the cmdlet filters.
        Assert.Equal(Enumerable.Repeat("-1", 4), bpftrace.Arguments(new TcpStateChangeOptions([1, 2, 3, 4, 5], null, null)).Take(4));
    }

    [Fact]
    public void Bundled_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", Backend(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}
