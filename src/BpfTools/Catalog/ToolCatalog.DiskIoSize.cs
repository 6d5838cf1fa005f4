using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>bitesize.</summary>
internal static partial class ToolCatalog
{
    /// <summary>bitesize, wrapped by Get-BpfDiskIoSize, with every backend, as Get-BpfTool lists it.</summary>
    public static readonly ToolSpec<DiskIoSizeOptions, BpfHistogram> DiskIoSize = new(
        "bitesize",
        "Get-BpfDiskIoSize",
        "block I/O sizes per process name as histograms",
        [
            new(BackendKind.Libbpf, ["bitesize", "bpf-bitesize"], ProbeKind.Tracepoint,
                // -T: each interval's time closes its window; [interval] [count] also end the tool by itself.
                // -c matches names that start with it: the cmdlet keeps the exact name.
                (o, limit) => ["-T", .. Flag("-c", o.ProcessName), .. Flag("-d", o.Disk), .. limit.IntervalAndCount(o.Interval)],
                clock => new LogHistogramTextParser("bitesize", clock)),
            // bcc's bitesize.py (block:block_rq_issue) takes no options at all: it prints once, at SIGINT, and the
            // cmdlet filters the process name itself. DiskIoSizeFor leaves it out where -Disk or -Interval is asked.
            new(BackendKind.Bcc, ["bitesize-bpfcc", "/usr/share/bcc/tools/bitesize"], ProbeKind.Tracepoint,
                _ => [],
                clock => new LogHistogramTextParser("bitesize", clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [o.BpftraceInterval, Number(o.DiskNumber), o.ProcessName is null ? "0" : "1", o.ProcessName ?? "",
                    limit.Bpftrace],
                clock => new BpftraceHistogramParser("bitesize", clock, units: ["kbytes"]),
                Program: "bitesize.bt"),
        ]);

    /// <summary>The backends that can honour <paramref name="options"/>: bcc's takes no disk and no interval.</summary>
    public static ToolSpec<DiskIoSizeOptions, BpfHistogram> DiskIoSizeFor(DiskIoSizeOptions options) =>
        options.Disk is null && options.Interval is null
            ? DiskIoSize
            : DiskIoSize with { Backends = [.. DiskIoSize.Backends.Where(b => b.Kind != BackendKind.Bcc)] };
}

/// <summary>Get-BpfDiskIoSize's options (bitesize).</summary>
/// <param name="Interval">Seconds between histograms, or null for one at the end.</param>
/// <param name="Disk">Only this disk (-d), or null.</param>
/// <param name="DiskNumber">Its kernel dev_t, for the bpftrace program.</param>
/// <param name="ProcessName">Only requests issued by a task of this name (-c), or null.</param>
internal sealed record DiskIoSizeOptions(int? Interval, string? Disk, long? DiskNumber, string? ProcessName)
    : HistogramOptions(Interval, Milliseconds: false);
