using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>runqlat.</summary>
internal static partial class ToolCatalog
{
    /// <summary>runqlat, wrapped by Get-BpfRunQueueLatency.</summary>
    public static readonly ToolSpec<RunQueueLatencyOptions, BpfHistogram> RunQueueLatency = new(
        "runqlat",
        "Get-BpfRunQueueLatency",
        "scheduler run queue latency as histograms",
        [
            new(BackendKind.Libbpf, ["runqlat", "bpf-runqlat"], ProbeKind.Tracepoint,
                RunQueueLatencyFlags,
                clock => new LogHistogramTextParser("runqlat", clock)),
            new(BackendKind.Bcc, ["runqlat-bpfcc", "/usr/share/bcc/tools/runqlat"], ProbeKind.Tracepoint,
                RunQueueLatencyFlags,
                clock => new LogHistogramTextParser("runqlat", clock)),
            // Per thread only: the sched tracepoints carry thread ids, not process ids.
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [o.BpftraceInterval, o.PerThread || o.PerProcess ? "1" : "0", o.Milliseconds ? "1" : "0", Number(o.ProcessId),
                    limit.Bpftrace],
                clock => new BpftraceHistogramParser("runqlat", clock,
                    (_, key) => key.Replace(',', ' ')),
                Program: "runqlat.bt"),
        ]);

    // -T: each interval's time closes its window; [interval] [count] also end the tool by itself.
    private static string[] RunQueueLatencyFlags(RunQueueLatencyOptions o, TimeLimit limit) =>
    [
        "-T", .. Switch("-m", o.Milliseconds), .. Switch("-P", o.PerProcess), .. Switch("-L", o.PerThread),
        .. Flag("-p", o.ProcessId), .. limit.IntervalAndCount(o.Interval),
    ];
}

/// <summary>Get-BpfRunQueueLatency's options (runqlat).</summary>
internal sealed record RunQueueLatencyOptions(int? Interval, bool Milliseconds, bool PerProcess, bool PerThread, int? ProcessId)
    : HistogramOptions(Interval, Milliseconds);
