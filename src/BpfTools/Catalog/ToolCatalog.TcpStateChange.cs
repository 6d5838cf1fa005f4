using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>tcpstates.</summary>
internal static partial class ToolCatalog
{
    /// <summary>tcpstates, wrapped by Get-BpfTcpStateChange.</summary>
    public static readonly ToolSpec<TcpStateChangeOptions, TcpStateChangeEvent> TcpStateChange = new(
        "tcpstates",
        "Get-BpfTcpStateChange",
        "TCP state changes: the socket, its ends, old and new state, time in the old state",
        [
            // Both tcpstates read sock:inet_sock_set_state and take the same filter flags; neither takes a
            // duration: without -Duration, or if PowerShell dies, only the parent-death signal ends them.
            new(BackendKind.Libbpf, ["tcpstates", "bpf-tcpstates"], ProbeKind.Tracepoint,
                TcpStateChangeTextFlags,
                clock => new TcpStateChangeTextParser(clock)),
            new(BackendKind.Bcc, ["tcpstates-bpfcc", "/usr/share/bcc/tools/tcpstates"], ProbeKind.Tracepoint,
                TcpStateChangeTextFlags,
                clock => new TcpStateChangeTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [.. PortSlots(o.LocalPorts), .. PortSlots(o.RemotePorts), Number(FamilyNumber(o.AddressFamily)), limit.Bpftrace],
                clock => new BpftraceTcpStateChangeParser(clock),
                Program: "tcpstates.bt"),
        ]);

    // -T time of day, -w wide columns (whole IPv6 addresses, 16-character names, the IP column); filters as the
    // tool's own flags.
    private static string[] TcpStateChangeTextFlags(TcpStateChangeOptions o) =>
        ["-T", "-w", .. Flag("-L", PortList(o.LocalPorts)), .. Flag("-D", PortList(o.RemotePorts)), .. FamilyFlag(o.AddressFamily)];
}

/// <summary>What Get-BpfTcpStateChange asks of tcpstates.</summary>
/// <param name="LocalPorts">Only these local ports (-L 80,443), or null.</param>
/// <param name="RemotePorts">Only these remote ports (-D 80,443), or null.</param>
/// <param name="AddressFamily">IPv4 (-4), IPv6 (-6), or null for both.</param>
internal sealed record TcpStateChangeOptions(IReadOnlyList<int>? LocalPorts, IReadOnlyList<int>? RemotePorts, IPFamily? AddressFamily);
