using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>biolatency.</summary>
internal static partial class ToolCatalog
{
    /// <summary>biolatency, wrapped by Get-BpfDiskLatency.</summary>
    public static readonly ToolSpec<DiskLatencyOptions, BpfHistogram> DiskLatency = new(
        "biolatency",
        "Get-BpfDiskLatency",
        "block I/O latency as histograms",
        [
            new(BackendKind.Libbpf, ["biolatency", "bpf-biolatency"], ProbeKind.Tracepoint,
                DiskLatencyFlags,
                clock => new LogHistogramTextParser("biolatency", clock)),
            // bcc's biolatency.py attaches kprobes to blk_account_io_start/done.
            new(BackendKind.Bcc, ["biolatency-bpfcc", "/usr/share/bcc/tools/biolatency"], ProbeKind.Kprobe,
                DiskLatencyFlags,
                clock => new LogHistogramTextParser("biolatency", clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [o.BpftraceInterval, o.PerDisk ? "1" : o.PerFlag ? "2" : "0", o.IncludeQueueTime ? "1" : "0",
                      o.Milliseconds ? "1" : "0", Number(o.Disk is null ? null : BlockDevices.NumberOf(o.Disk)), limit.Bpftrace],
                clock => new BpftraceHistogramParser("biolatency", clock,
                    (kind, key) => kind == "disk" && long.TryParse(key, out var dev) ? BlockDevices.NameOf(dev) : key),
                Program: "biolatency.bt"),
        ]);

    // -T: each interval's time closes its window; [interval] [count] also end the tool by itself.
    private static string[] DiskLatencyFlags(DiskLatencyOptions o, TimeLimit limit) =>
    [
        "-T", .. Switch("-m", o.Milliseconds), .. Switch("-D", o.PerDisk), .. Switch("-F", o.PerFlag),
        .. Switch("-Q", o.IncludeQueueTime), .. Flag("-d", o.Disk), .. limit.IntervalAndCount(o.Interval),
    ];
}

/// <summary>Get-BpfDiskLatency's options (biolatency).</summary>
internal sealed record DiskLatencyOptions(int? Interval, bool Milliseconds, bool PerDisk, bool PerFlag, bool IncludeQueueTime, string? Disk)
    : HistogramOptions(Interval, Milliseconds);
