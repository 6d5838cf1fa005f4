using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>tcplife.</summary>
internal static partial class ToolCatalog
{
    /// <summary>How many local and how many remote ports module/bpftrace/tcplife.bt tests in the kernel.</summary>
    internal const int BpftracePortSlots = 4;

    /// <summary>tcplife, wrapped by Get-BpfTcpSession.</summary>
    public static readonly ToolSpec<TcpSessionOptions, TcpSessionEvent> TcpSession = new(
        "tcplife",
        "Get-BpfTcpSession",
        "TCP sessions when they close: ends, process, bytes each way, lifespan",
        [
            // Neither tcplife takes a duration: without -Duration, or if PowerShell dies, only the parent-death
            // signal ends them.
            new(BackendKind.Libbpf, ["tcplife", "bpf-tcplife"], ProbeKind.Tracepoint,
                o => [.. TcpSessionTextFlags(o), .. FamilyFlag(o.AddressFamily)],
                clock => new TcpSessionTextParser(clock)),
            // bcc's tcplife.py uses the same tracepoint; it has no -4/-6, so Get-BpfTcpSession filters the family itself.
            new(BackendKind.Bcc, ["tcplife-bpfcc", "/usr/share/bcc/tools/tcplife"], ProbeKind.Tracepoint,
                TcpSessionTextFlags,
                clock => new TcpSessionTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), .. PortSlots(o.LocalPorts), .. PortSlots(o.RemotePorts), Number(FamilyNumber(o.AddressFamily)),
                    limit.Bpftrace],
                clock => new BpftraceTcpSessionParser(clock),
                Program: "tcplife.bt"),
        ]);

    // -T time of day, -w wide columns (whole IPv6 addresses, and bcc's IP column); filters as the tool's own flags.
    private static string[] TcpSessionTextFlags(TcpSessionOptions o) =>
        ["-T", "-w", .. Flag("-p", o.ProcessId), .. Flag("-L", PortList(o.LocalPorts)), .. Flag("-D", PortList(o.RemotePorts))];

    private static string? PortList(IReadOnlyList<int>? ports) =>
        ports is null or { Count: 0 } ? null : string.Join(',', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));



    // The program's fixed port slots: -1 fills them; more ports than slots are left to the cmdlet's own filter.
    private static IEnumerable<string> PortSlots(IReadOnlyList<int>? ports)
    {
        var pushed = ports is { Count: > 0 and <= BpftracePortSlots } ? ports : [];
        return Enumerable.Range(0, BpftracePortSlots).Select(i => Number(i < pushed.Count ? pushed[i] : null));
    }
}

/// <summary>What Get-BpfTcpSession asks of tcplife.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="LocalPorts">Only these local ports (-L 80,443), or null.</param>
/// <param name="RemotePorts">Only these remote ports (-D 80,443), or null.</param>
/// <param name="AddressFamily">IPv4 (-4), IPv6 (-6), or null for both.</param>
internal sealed record TcpSessionOptions(int? ProcessId, IReadOnlyList<int>? LocalPorts, IReadOnlyList<int>? RemotePorts, IPFamily? AddressFamily);
