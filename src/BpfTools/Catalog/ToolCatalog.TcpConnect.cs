using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>tcpconnect, tcpaccept and tcpconnlat.</summary>
/// <remarks>
/// Three tools for one cmdlet, one entry each, chosen by -Direction and -Latency. All their libbpf and bcc
/// versions put kprobes on tcp_v4_connect, inet_csk_accept or tcp_rcv_state_process; module/bpftrace/tcpconnect.bt
/// reads the sock:inet_sock_set_state tracepoint instead, sees both directions and times every outbound handshake,
/// so it backs all three, and it alone can trace both directions in one run.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>tcpconnect, wrapped by Get-BpfTcpConnect: outbound connections.</summary>
    public static readonly ToolSpec<TcpConnectOptions, TcpConnectEvent> TcpConnect = new(
        "tcpconnect",
        "Get-BpfTcpConnect",
        "TCP connections this host opens (connect()): process, ends, user",
        [
            // -t seconds since its first event, -U the UID column; no -4/-6 (the cmdlet filters the family).
            new(BackendKind.Libbpf, ["tcpconnect", "bpf-tcpconnect"], ProbeKind.Kprobe,
                o => ["-t", "-U", .. Flag("-p", o.ProcessId), .. Flag("-P", PortList(o.Ports))],
                clock => new TcpConnectTextParser(TcpDirection.Outbound, clock)),
            // bcc's has -L for the local port and -4/-6 as well.
            new(BackendKind.Bcc, ["tcpconnect-bpfcc", "/usr/share/bcc/tools/tcpconnect"], ProbeKind.Kprobe,
                o => ["-t", "-U", "-L", .. Flag("-p", o.ProcessId), .. Flag("-P", PortList(o.Ports)), .. FamilyFlag(o.AddressFamily)],
                clock => new TcpConnectTextParser(TcpDirection.Outbound, clock)),
            TcpConnectBpftrace,
        ]);

    /// <summary>tcpaccept, wrapped by Get-BpfTcpConnect -Direction Inbound: connections accepted here.</summary>
    /// <remarks>libbpf-tools 0.26 has no tcpaccept.</remarks>
    public static readonly ToolSpec<TcpConnectOptions, TcpConnectEvent> TcpAccept = new(
        "tcpaccept",
        "Get-BpfTcpConnect",
        "TCP connections accepted by this host: process, ends",
        [
            // -P is tcpaccept's local ports.
            new(BackendKind.Bcc, ["tcpaccept-bpfcc", "/usr/share/bcc/tools/tcpaccept"], ProbeKind.Kprobe,
                o => ["-t", .. Flag("-p", o.ProcessId), .. Flag("-P", PortList(o.Ports)), .. FamilyFlag(o.AddressFamily)],
                clock => new TcpConnectTextParser(TcpDirection.Inbound, clock)),
            TcpConnectBpftrace,
        ]);

    /// <summary>tcpconnlat, wrapped by Get-BpfTcpConnect -Latency: outbound connections with their handshake time.</summary>
    public static readonly ToolSpec<TcpConnectOptions, TcpConnectEvent> TcpConnectLatency = new(
        "tcpconnlat",
        "Get-BpfTcpConnect",
        "TCP connections this host opens, with the time the handshake took",
        [
            // -L the local port; no port filter (the cmdlet filters), libbpf's has no -4/-6 either.
            new(BackendKind.Libbpf, ["tcpconnlat", "bpf-tcpconnlat"], ProbeKind.Kprobe,
                o => ["-t", "-L", .. Flag("-p", o.ProcessId)],
                clock => new TcpConnectTextParser(TcpDirection.Outbound, clock)),
            new(BackendKind.Bcc, ["tcpconnlat-bpfcc", "/usr/share/bcc/tools/tcpconnlat"], ProbeKind.Kprobe,
                o => ["-t", "-L", .. Flag("-p", o.ProcessId), .. FamilyFlag(o.AddressFamily)],
                clock => new TcpConnectTextParser(TcpDirection.Outbound, clock)),
            TcpConnectBpftrace,
        ]);

    private static BackendSpec<TcpConnectOptions, TcpConnectEvent> TcpConnectBpftrace => new(
        BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
        (o, limit) => [Number((long)o.Direction), Number(o.ProcessId), .. PortSlots(o.Ports), Number(FamilyNumber(o.AddressFamily)), limit.Bpftrace],
        clock => new BpftraceTcpConnectParser(clock),
        Program: "tcpconnect.bt");

    /// <summary>
    /// The entry for <paramref name="options"/>: tcpaccept for inbound connections, tcpconnlat for outbound ones
    /// with their latency, else tcpconnect; for both directions at once, with the bpftrace program alone, since
    /// each of the other tools sees one direction only.
    /// </summary>
    public static ToolSpec<TcpConnectOptions, TcpConnectEvent> TcpConnectFor(TcpConnectOptions options)
    {
        var tool = options.Direction switch
        {
            TcpDirection.Inbound => TcpAccept,
            _ when options.Latency => TcpConnectLatency,
            _ => TcpConnect,
        };
        return options.Direction == TcpDirection.Both
            ? tool with { Backends = [.. tool.Backends.Where(b => b.Kind == BackendKind.Bpftrace)] }
            : tool;
    }
}

/// <summary>What Get-BpfTcpConnect asks of tcpconnect, tcpaccept, tcpconnlat or tcpconnect.bt.</summary>
/// <param name="Direction">Outbound, Inbound, or Both (the bpftrace program only).</param>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="Ports">Only these ports (-P 80,443): remote ones of outbound connections, local ones of inbound; or null.</param>
/// <param name="AddressFamily">IPv4 (-4), IPv6 (-6), or null for both.</param>
/// <param name="Latency">The handshake's time wanted: tcpconnlat rather than tcpconnect.</param>
internal sealed record TcpConnectOptions(TcpDirection Direction, int? ProcessId, IReadOnlyList<int>? Ports, IPFamily? AddressFamily, bool Latency = false);
