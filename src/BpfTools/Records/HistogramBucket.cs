namespace BpfTools.Records;

/// <summary>
/// One bucket of a <see cref="BpfHistogram"/>: values from Low to High (inclusive) were seen Count times.
/// It carries its histogram's tool, key and window, so `Select-Object -ExpandProperty Buckets | Export-Csv`
/// gives rows that still say what they belong to.
/// </summary>
public sealed class HistogramBucket
{
    /// <summary>The tool that measured it (biolatency).</summary>
    public string Tool { get; init; } = "";

    /// <summary>What the histogram is keyed by (disk, pid...), empty when there is one histogram.</summary>
    public string KeyKind { get; init; } = "";

    /// <summary>The histogram's key (vda), empty when there is one histogram.</summary>
    public string Key { get; init; } = "";

    /// <summary>The unit of Low and High (usecs, msecs, nsecs, bytes).</summary>
    public string Unit { get; init; } = "";

    /// <summary>Start of the histogram's time window.</summary>
    public DateTime Start { get; init; }

    /// <summary>End of the histogram's time window.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>The smallest value in the bucket.</summary>
    public long Low { get; init; }

    /// <summary>The largest value in the bucket.</summary>
    public long High { get; init; }

    /// <summary>How many values fell in it.</summary>
    public long Count { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Low} -> {High} : {Count}";
}
