namespace BpfTools.Records;

/// <summary>
/// How random or sequential one disk's I/O was over a window, as biopattern prints it: a completed request is
/// sequential when it starts where the disk's previous one ended, random otherwise.
/// </summary>
public sealed class DiskPatternSample
{
    /// <summary>Start of the window the counts cover.</summary>
    public DateTime Start { get; init; }

    /// <summary>End of the window: when the tool printed its row.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>The disk's kernel name (vda, sda, nvme0n1), or MAJOR:MINOR for a device this host does not list.</summary>
    public string Disk { get; init; } = "";

    /// <summary>The share of random requests, in whole percent, rounded down (%RND).</summary>
    public int RandomPercent { get; init; }

    /// <summary>The share of sequential requests, in whole percent, rounded down (%SEQ): the two may add up to 99.</summary>
    public int SequentialPercent { get; init; }

    /// <summary>Completed requests counted (COUNT).</summary>
    public long Count { get; init; }

    /// <summary>
    /// Their size in bytes. libbpf-tools' biopattern prints KBYTES, whole KiB rounded down, so it is a multiple of
    /// 1024 there; the bpftrace backend gives the exact bytes.
    /// </summary>
    public long Bytes { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Disk} {RandomPercent}% random {SequentialPercent}% sequential {Count} requests";

    /// <summary>A sample from counts, with biopattern's integer percentages; null when no request was counted.</summary>
    internal static DiskPatternSample? FromCounts(DateTime start, DateTime end, string disk, long random, long sequential, long bytes)
    {
        var count = random + sequential;
        return count <= 0 ? null : new DiskPatternSample
        {
            Start = start,
            End = end,
            Disk = disk,
            RandomPercent = (int)(random * 100 / count),
            SequentialPercent = (int)(sequential * 100 / count),
            Count = count,
            Bytes = bytes,
        };
    }
}
