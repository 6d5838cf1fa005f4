using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>runqslower.</summary>
internal static partial class ToolCatalog
{
    /// <summary>runqslower, wrapped by Get-BpfRunQueueDelay.</summary>
    public static readonly ToolSpec<RunQueueDelayOptions, RunQueueDelayEvent> RunQueueDelay = new(
        "runqslower",
        "Get-BpfRunQueueDelay",
        "Each wait for a CPU longer than a threshold: the thread, its delay, the thread that ran before it",
        [
            // libbpf-tools' runqslower attaches to the scheduler's BTF tracepoints (tp_btf) and falls back to raw
            // tracepoints; bcc's to raw tracepoints. Both take -p, -t, -P and the threshold as their one
            // positional argument, and no duration: without -Duration, or if PowerShell dies, only the
            // parent-death signal ends them.
            new(BackendKind.Libbpf, ["runqslower", "bpf-runqslower"], ProbeKind.Tracepoint,
                RunQueueDelayTextFlags,
                clock => new RunQueueDelayTextParser(clock)),
            new(BackendKind.Bcc, ["runqslower-bpfcc", "/usr/share/bcc/tools/runqslower"], ProbeKind.Tracepoint,
                RunQueueDelayTextFlags,
                clock => new RunQueueDelayTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), Number(o.ThreadId), o.ThresholdMicroseconds, limit.Bpftrace],
                clock => new BpftraceRunQueueDelayParser(clock),
                Program: "runqslower.bt"),
        ]);

    // -P: the previous thread too, always (the record has room for it).
    private static string[] RunQueueDelayTextFlags(RunQueueDelayOptions o) =>
        ["-P", .. Flag("-p", o.ProcessId), .. Flag("-t", o.ThreadId), o.ThresholdMicroseconds];
}

/// <summary>What Get-BpfRunQueueDelay asks of runqslower.</summary>
/// <param name="Threshold">Only delays longer than this.</param>
/// <param name="ProcessId">Only this process's threads (-p), or null.</param>
/// <param name="ThreadId">Only this thread (-t), or null.</param>
internal sealed record RunQueueDelayOptions(TimeSpan Threshold, int? ProcessId, int? ThreadId)
{
    /// <summary>
    /// The threshold as the tools take it: whole microseconds, rounded down so that no delay the cmdlet keeps is
    /// dropped in the kernel, and at least 1 (runqslower refuses 0).
    /// </summary>
    public string ThresholdMicroseconds =>
        Math.Max(1, Threshold.Ticks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture);
}
