using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpConnectCatalogTests
{
    private static readonly TcpConnectOptions Outbound = new(TcpDirection.Outbound, null, null, null);

    private static BackendSpec<TcpConnectOptions, TcpConnectEvent> Backend(ToolSpec<TcpConnectOptions, TcpConnectEvent> tool, BackendKind kind) =>
        tool.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Three_tools_listed_for_one_cmdlet_the_kprobe_ones_first_then_the_tracepoint_program()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpConnect.Backends.Select(b => b.Kind));
        Assert.Equal([BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpAccept.Backends.Select(b => b.Kind));
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpConnectLatency.Backends.Select(b => b.Kind));
        foreach (var tool in new[] { ToolCatalog.TcpConnect, ToolCatalog.TcpAccept, ToolCatalog.TcpConnectLatency })
        {
            Assert.Contains(tool, ToolCatalog.All);
            Assert.Equal("Get-BpfTcpConnect", tool.Cmdlet);
            Assert.All(tool.Backends, b => Assert.Equal(b.Kind == BackendKind.Bpftrace ? ProbeKind.Tracepoint : ProbeKind.Kprobe, b.Probes));
        }
        Assert.Equal(["tcpconnect", "tcpaccept", "tcpconnlat"], new[] { ToolCatalog.TcpConnect, ToolCatalog.TcpAccept, ToolCatalog.TcpConnectLatency }.Select(t => t.Name));
    }

    [Fact]
    public void Direction_and_latency_choose_the_tool_and_both_directions_leave_only_bpftrace()
    {
        Assert.Same(ToolCatalog.TcpConnect, ToolCatalog.TcpConnectFor(Outbound));
        Assert.Same(ToolCatalog.TcpConnectLatency, ToolCatalog.TcpConnectFor(Outbound with { Latency = true }));
        Assert.Same(ToolCatalog.TcpAccept, ToolCatalog.TcpConnectFor(Outbound with { Direction = TcpDirection.Inbound }));
        var both = ToolCatalog.TcpConnectFor(Outbound with { Direction = TcpDirection.Both });
        Assert.Equal(("tcpconnect", BackendKind.Bpftrace), (both.Name, Assert.Single(both.Backends).Kind));
        var timedBoth = ToolCatalog.TcpConnectFor(Outbound with { Direction = TcpDirection.Both, Latency = true });
        Assert.Equal(("tcpconnlat", BackendKind.Bpftrace), (timedBoth.Name, Assert.Single(timedBoth.Backends).Kind));
    }

    [Fact]
    public void Libbpf_tcpconnect_gets_seconds_the_UID_column_and_pid_and_port_filters_but_no_family_flag()
    {
        var libbpf = Backend(ToolCatalog.TcpConnect, BackendKind.Libbpf);
        Assert.Equal(["-t", "-U"], libbpf.Arguments(Outbound));
        Assert.Equal(["-t", "-U", "-p", "4242", "-P", "80,443"], libbpf.Arguments(new(TcpDirection.Outbound, 4242, [80, 443], IPFamily.IPv6)));
        // No duration flag: the runner stops it.
        Assert.Equal(["-t", "-U"], libbpf.Arguments(Outbound, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Bcc_tcpconnect_and_tcpaccept_push_every_filter_down()
    {
        var options = new TcpConnectOptions(TcpDirection.Outbound, 4242, [80, 443], IPFamily.IPv4);
        Assert.Equal(["-t", "-U", "-L", "-p", "4242", "-P", "80,443", "-4"], Backend(ToolCatalog.TcpConnect, BackendKind.Bcc).Arguments(options));
        // tcpaccept's -P is its local ports; it has no UID column.
        Assert.Equal(["-t", "-p", "4242", "-P", "80,443", "-4"], Backend(ToolCatalog.TcpAccept, BackendKind.Bcc).Arguments(options));
        Assert.Equal(["-t", "-6"], Backend(ToolCatalog.TcpAccept, BackendKind.Bcc).Arguments(Outbound with { AddressFamily = IPFamily.IPv6 }));
    }

    [Fact]
    public void Tcpconnlat_gets_seconds_the_local_port_and_pid_but_no_port_filter()
    {
        var options = new TcpConnectOptions(TcpDirection.Outbound, 4242, [80], IPFamily.IPv6, Latency: true);
        Assert.Equal(["-t", "-L", "-p", "4242"], Backend(ToolCatalog.TcpConnectLatency, BackendKind.Libbpf).Arguments(options));
        Assert.Equal(["-t", "-L", "-p", "4242", "-6"], Backend(ToolCatalog.TcpConnectLatency, BackendKind.Bcc).Arguments(options));
    }

    [Fact]
    public void Bpftrace_gets_the_direction_mask_pid_four_port_slots_family_and_its_time_limit()
    {
        var bpftrace = Backend(ToolCatalog.TcpConnect, BackendKind.Bpftrace);
        Assert.Equal("tcpconnect.bt", bpftrace.Program);
        Assert.Equal(["1", .. Enumerable.Repeat("-1", 7)], bpftrace.Arguments(Outbound));
        Assert.Equal(["3", "4242", "80", "443", "-1", "-1", "10", "-1"],
            bpftrace.Arguments(new TcpConnectOptions(TcpDirection.Both, 4242, [80, 443], IPFamily.IPv6)));
        Assert.Equal("2", Backend(ToolCatalog.TcpAccept, BackendKind.Bpftrace).Arguments(Outbound with { Direction = TcpDirection.Inbound })[0]);
        Assert.NotEqual("-1", bpftrace.Arguments(Outbound, TimeSpan.FromSeconds(5))[7]);
        // More ports than slots: none pushed down, the cmdlet filters.
        Assert.Equal(Enumerable.Repeat("-1", 4), bpftrace.Arguments(Outbound with { Ports = [1, 2, 3, 4, 5] }).Skip(2).Take(4));
    }

    [Fact]
    public void Bundled_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", "tcpconnect.bt");
        Assert.True(File.Exists(program), program);
    }
}
