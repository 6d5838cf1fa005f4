using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>biopattern.</summary>
/// <remarks>
/// libbpf-tools' biopattern attaches to block:block_rq_complete, as biopattern.bt does; bcc has no biopattern. The
/// windows are the tool's own intervals: it prints percentages, which one-second rows could not be summed from.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>biopattern, wrapped by Get-BpfDiskPattern.</summary>
    public static readonly ToolSpec<DiskPatternOptions, DiskPatternSample> DiskPattern = new(
        "biopattern",
        "Get-BpfDiskPattern",
        "random and sequential shares of disk I/O per disk and interval",
        [
            // -T: without it nothing tells one interval's rows from the next; [interval] [count] end the tool by itself.
            new(BackendKind.Libbpf, ["biopattern", "bpf-biopattern"], ProbeKind.Tracepoint,
                (o, limit) => ["-T", .. Flag("-d", o.Disk), .. limit.IntervalAndCount(o.Interval)],
                clock => new DiskPatternTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.Disk is null ? null : BlockDevices.NumberOf(o.Disk)),
                    (o.Interval ?? 86400).ToString(System.Globalization.CultureInfo.InvariantCulture), limit.Bpftrace],
                clock => new BpftraceDiskPatternParser(BlockDevices.NameOf, clock),
                Program: "biopattern.bt"),
        ]);
}

/// <summary>What Get-BpfDiskPattern asks of biopattern.</summary>
/// <param name="Interval">Seconds per row, or null for one row per disk at the end.</param>
/// <param name="Disk">Only this disk (-d), or null.</param>
internal sealed record DiskPatternOptions(int? Interval = null, string? Disk = null);
