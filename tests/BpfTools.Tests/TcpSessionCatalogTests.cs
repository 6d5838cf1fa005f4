using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpSessionCatalogTests
{
    private static BackendSpec<TcpSessionOptions, TcpSessionEvent> TcpSession(BackendKind kind) =>
        ToolCatalog.TcpSession.Backends.Single(b => b.Kind == kind);

    private static readonly TcpSessionOptions NoFilter = new(null, null, null, null);

    [Fact]
    public void Listed_with_backends_in_auto_order()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpSession.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.TcpSession, ToolCatalog.All);
        Assert.Equal("Get-BpfTcpSession", ToolCatalog.TcpSession.Cmdlet);
        Assert.All(ToolCatalog.TcpSession.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
    }

    [Fact]
    public void Libbpf_gets_time_wide_columns_and_every_filter_as_its_own_flag()
    {
        Assert.Equal(["-T", "-w"], TcpSession(BackendKind.Libbpf).Arguments(NoFilter));
        Assert.Equal(["-T", "-w", "-p", "42", "-L", "80,443", "-D", "5432", "-6"],
            TcpSession(BackendKind.Libbpf).Arguments(new TcpSessionOptions(42, [80, 443], [5432], IPFamily.IPv6)));
        Assert.Equal(["-T", "-w", "-4"], TcpSession(BackendKind.Libbpf).Arguments(NoFilter with { AddressFamily = IPFamily.IPv4 }));
    }

    [Fact]
    public void Bcc_has_no_family_flag()
    {
        Assert.Equal(["-T", "-w", "-p", "42", "-L", "80", "-D", "443,8443"],
            TcpSession(BackendKind.Bcc).Arguments(new TcpSessionOptions(42, [80], [443, 8443], IPFamily.IPv4)));
    }

    [Fact]
    public void Bpftrace_gets_pid_four_port_slots_each_and_the_family_number()
    {
        var bpftrace = TcpSession(BackendKind.Bpftrace);
        Assert.Equal("tcplife.bt", bpftrace.Program);
        Assert.Equal(Enumerable.Repeat("-1", 11), bpftrace.Arguments(NoFilter));
        Assert.Equal(["42", "80", "443", "-1", "-1", "5432", "-1", "-1", "-1", "2", "-1"],
            bpftrace.Arguments(new TcpSessionOptions(42, [80, 443], [5432], IPFamily.IPv4)));
        Assert.Equal("10", bpftrace.Arguments(NoFilter with { AddressFamily = IPFamily.IPv6 })[9]);
    }

    [Fact]
    public void Bpftrace_leaves_more_ports_than_slots_to_the_cmdlet()
    {
        var arguments = TcpSession(BackendKind.Bpftrace).Arguments(new TcpSessionOptions(null, [1, 2, 3, 4, 5], [6, 7, 8, 9], null));
        Assert.Equal(["-1", "-1", "-1", "-1", "-1", "6", "7", "8", "9", "-1", "-1"], arguments);
    }

    [Fact]
    public void Bundled_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", TcpSession(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}
