using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpRetransmitCatalogTests
{
    private static BackendSpec<TcpRetransmitOptions, TcpRetransmitEvent> Retrans(BackendKind kind) =>
        ToolCatalog.TcpRetransmit.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Bcc_then_bpftrace_and_no_libbpf_tool()
    {
        Assert.Equal([BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.TcpRetransmit.Backends.Select(b => b.Kind));
        Assert.Equal(["tcpretrans-bpfcc", "/usr/share/bcc/tools/tcpretrans"], Retrans(BackendKind.Bcc).Executables);
        Assert.Equal(ProbeKind.Kprobe, Retrans(BackendKind.Bcc).Probes);
        Assert.Equal(ProbeKind.Tracepoint, Retrans(BackendKind.Bpftrace).Probes);
        Assert.Contains(ToolCatalog.TcpRetransmit, ToolCatalog.All);
        Assert.Equal("Get-BpfTcpRetransmit", ToolCatalog.TcpRetransmit.Cmdlet);
    }

    [Fact]
    public void Filters_become_tcpretrans_flags()
    {
        Assert.Equal([], Retrans(BackendKind.Bcc).Arguments(new TcpRetransmitOptions(null, false)));
        Assert.Equal(["-4"], Retrans(BackendKind.Bcc).Arguments(new TcpRetransmitOptions(IPFamily.IPv4, false)));
        Assert.Equal(["-l", "-6"], Retrans(BackendKind.Bcc).Arguments(new TcpRetransmitOptions(IPFamily.IPv6, true)));
    }

    [Fact]
    public void Bpftrace_takes_the_address_family_number_as_its_positional_parameter()
    {
        Assert.Equal(["-1", "-1"], Retrans(BackendKind.Bpftrace).Arguments(new TcpRetransmitOptions(null, true)));
        Assert.Equal(["2", "-1"], Retrans(BackendKind.Bpftrace).Arguments(new TcpRetransmitOptions(IPFamily.IPv4, false)));
        Assert.Equal(["10", "-1"], Retrans(BackendKind.Bpftrace).Arguments(new TcpRetransmitOptions(IPFamily.IPv6, false)));
    }

    [Fact]
    public void Bundled_bpftrace_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", Retrans(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}
