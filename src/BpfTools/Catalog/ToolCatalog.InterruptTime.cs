using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>hardirqs and softirqs.</summary>
/// <remarks>
/// Both attach to the irq tracepoints (irq_handler_entry/exit, softirq_entry/exit), so they run here. Each prints
/// either totals (time, or with hardirqs -C counts: never both) or histograms (-d), so each tool has two entries:
/// one for totals, one for distributions. libbpf only: bcc is not installed here and no published output of
/// hardirqs.py/softirqs.py is at hand to replay, and no bpftrace program is bundled (yet).
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>hardirqs' totals, wrapped by Get-BpfInterruptTime.</summary>
    public static readonly ToolSpec<InterruptTimeOptions, InterruptTimeSample> HardInterruptTime = InterruptTotals(InterruptKind.Hard);

    /// <summary>softirqs' totals, wrapped by Get-BpfInterruptTime -Kind Soft.</summary>
    public static readonly ToolSpec<InterruptTimeOptions, InterruptTimeSample> SoftInterruptTime = InterruptTotals(InterruptKind.Soft);

    /// <summary>hardirqs -d, wrapped by Get-BpfInterruptTime -Distribution.</summary>
    public static readonly ToolSpec<InterruptTimeOptions, BpfHistogram> HardInterruptDistribution = InterruptDistribution(InterruptKind.Hard);

    /// <summary>softirqs -d, wrapped by Get-BpfInterruptTime -Kind Soft -Distribution.</summary>
    public static readonly ToolSpec<InterruptTimeOptions, BpfHistogram> SoftInterruptDistribution = InterruptDistribution(InterruptKind.Soft);

    /// <summary>The totals entry of <paramref name="kind"/>'s tool.</summary>
    public static ToolSpec<InterruptTimeOptions, InterruptTimeSample> InterruptTime(InterruptKind kind) =>
        kind == InterruptKind.Hard ? HardInterruptTime : SoftInterruptTime;

    /// <summary>The histogram entry of <paramref name="kind"/>'s tool.</summary>
    public static ToolSpec<InterruptTimeOptions, BpfHistogram> InterruptTimeDistribution(InterruptKind kind) =>
        kind == InterruptKind.Hard ? HardInterruptDistribution : SoftInterruptDistribution;

    private static string InterruptTool(InterruptKind kind) => kind == InterruptKind.Hard ? "hardirqs" : "softirqs";

    private static ToolSpec<InterruptTimeOptions, InterruptTimeSample> InterruptTotals(InterruptKind kind) => new(
        InterruptTool(kind),
        "Get-BpfInterruptTime",
        kind == InterruptKind.Hard ? "hard irq handler time or counts per interrupt" : "soft irq time per softirq",
        [
            new(BackendKind.Libbpf, [InterruptTool(kind), "bpf-" + InterruptTool(kind)], ProbeKind.Tracepoint,
                InterruptTotalsFlags,
                clock => new InterruptTimeTextParser(kind, clock)),
        ]);

    private static ToolSpec<InterruptTimeOptions, BpfHistogram> InterruptDistribution(InterruptKind kind) => new(
        InterruptTool(kind),
        "Get-BpfInterruptTime",
        (kind == InterruptKind.Hard ? "hard" : "soft") + " irq time as histograms, one per interrupt",
        [
            new(BackendKind.Libbpf, [InterruptTool(kind), "bpf-" + InterruptTool(kind)], ProbeKind.Tracepoint,
                (o, limit) => ["-T", "-d", .. limit.IntervalAndCount(o.Interval)],
                clock => new LogHistogramTextParser(InterruptTool(kind), clock)),
        ]);

    // -T: each interval's time closes its window. -N: nanoseconds, which TimeSpan keeps to 100 ns where
    // microseconds would round short handlers to 0; -C counts instead (hardirqs only, refused by the cmdlet for softirqs).
    private static string[] InterruptTotalsFlags(InterruptTimeOptions o, TimeLimit limit) =>
        ["-T", .. o.Count ? ["-C"] : new[] { "-N" }, .. limit.IntervalAndCount(o.Interval)];
}

/// <summary>Get-BpfInterruptTime's options (hardirqs, softirqs).</summary>
/// <param name="Interval">Seconds per interval (the tool's own), or null for one total at the end.</param>
/// <param name="Count">Count the interrupts instead of timing them (hardirqs -C).</param>
internal sealed record InterruptTimeOptions(int? Interval, bool Count) : HistogramOptions(Interval, false);
