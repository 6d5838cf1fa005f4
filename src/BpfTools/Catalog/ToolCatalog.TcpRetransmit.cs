using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>tcpretrans.</summary>
internal static partial class ToolCatalog
{
    /// <summary>tcpretrans, wrapped by Get-BpfTcpRetransmit.</summary>
    /// <remarks>
    /// No libbpf-tools backend: Debian's libbpf-tools 0.26 has no tcpretrans (bcc added one to libbpf-tools later,
    /// with the same columns but no -4/-6).
    /// </remarks>
    public static readonly ToolSpec<TcpRetransmitOptions, TcpRetransmitEvent> TcpRetransmit = new(
        "tcpretrans",
        "Get-BpfTcpRetransmit",
        "TCP retransmits (and, with bcc, tail loss probes), with the connection and its state",
        [
            // tcpretrans.py reads the tcp:tcp_retransmit_skb tracepoint where the kernel has it (bcc 0.12 and
            // later), but -l always puts a kprobe on tcp_send_loss_probe, and older bcc kprobes tcp_retransmit_skb
            // too. One probe kind per backend: Kprobe, so a kernel without kprobes goes straight to bpftrace.
            // It takes no duration: without -Duration, or if PowerShell dies, only the parent-death signal ends it.
            new(BackendKind.Bcc, ["tcpretrans-bpfcc", "/usr/share/bcc/tools/tcpretrans"], ProbeKind.Kprobe,
                o => [.. (o.IncludeTailLossProbe ? new[] { "-l" } : []), .. FamilyFlag(o.AddressFamily)],
                clock => new TcpRetransmitTextParser(clock)),
            // No tracepoint for tail loss probes (checked up to Linux 6.18): -IncludeTailLossProbe cannot reach it.
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(FamilyNumber(o.AddressFamily)), limit.Bpftrace],
                clock => new BpftraceTcpRetransmitParser(clock),
                Program: "tcpretrans.bt"),
        ]);
}

/// <summary>What Get-BpfTcpRetransmit asks of tcpretrans.</summary>
/// <param name="AddressFamily">IPv4 (-4) or IPv6 (-6) for one family only, or null for both.</param>
/// <param name="IncludeTailLossProbe">Also report tail loss probe attempts (-l).</param>
internal sealed record TcpRetransmitOptions(IPFamily? AddressFamily, bool IncludeTailLossProbe);
