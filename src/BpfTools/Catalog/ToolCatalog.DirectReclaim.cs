using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>drsnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>drsnoop, wrapped by Get-BpfDirectReclaim.</summary>
    /// <remarks>
    /// All three read the vmscan direct reclaim tracepoints. libbpf-tools' -e (free memory) is never passed: it
    /// needs vm_zone_stat in /proc/kallsyms, and where that is missing it prints one line to stderr and exits with
    /// 0 before tracing, a failure that looks like success. bcc's is run with -T and -U, for the time and the UID.
    /// </remarks>
    public static readonly ToolSpec<DirectReclaimOptions, DirectReclaimEvent> DirectReclaim = new(
        "drsnoop",
        "Get-BpfDirectReclaim",
        "direct reclaims: the stalled thread, latency, pages freed",
        [
            new(BackendKind.Libbpf, ["drsnoop", "bpf-drsnoop"], ProbeKind.Tracepoint,
                (o, limit) => [.. DirectReclaimFlags(o), .. limit.Flag("-d")],
                clock => new DirectReclaimTextParser(clock)),
            // bcc's drsnoop.py takes -p and -t as libbpf-tools' does, and -d; -t also makes its PID column a TID.
            new(BackendKind.Bcc, ["drsnoop-bpfcc", "/usr/share/bcc/tools/drsnoop"], ProbeKind.Tracepoint,
                (o, limit) => ["-T", "-U", .. DirectReclaimFlags(o), .. limit.Flag("-d")],
                clock => new DirectReclaimTextParser(clock, bcc: true)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), Number(o.ThreadId), limit.Bpftrace],
                clock => new BpftraceDirectReclaimParser(clock),
                Program: "drsnoop.bt"),
        ]);

    private static string[] DirectReclaimFlags(DirectReclaimOptions o) => [.. Flag("-p", o.ProcessId), .. Flag("-t", o.ThreadId)];
}

/// <summary>What Get-BpfDirectReclaim asks of drsnoop.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="ThreadId">Only this thread (-t), or null.</param>
internal sealed record DirectReclaimOptions(int? ProcessId, int? ThreadId);
