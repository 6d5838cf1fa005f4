using System.Globalization;

namespace BpfTools.Records;

/// <summary>
/// A distribution measured by a histogram tool (biolatency, runqlat...) over a time window: log2 buckets with
/// counts, the key it belongs to (a disk, a process) and its unit. Percentiles and the mean are estimated from
/// the buckets (linear within a bucket), which is all the tools give.
/// </summary>
public sealed class BpfHistogram
{
    /// <summary>The tool that measured it (biolatency).</summary>
    public string Tool { get; init; } = "";

    /// <summary>What the histograms are keyed by (disk, flags, pid, tid); empty when there is one histogram.</summary>
    public string KeyKind { get; init; } = "";

    /// <summary>This histogram's key (vda; "1234 nginx"); empty when there is one histogram.</summary>
    public string Key { get; init; } = "";

    /// <summary>The unit of the bucket bounds: usecs, msecs, nsecs or bytes.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Start of the time window.</summary>
    public DateTime Start { get; init; }

    /// <summary>End of the time window.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>The buckets, lowest first.</summary>
    public HistogramBuckets Buckets { get; init; } = HistogramBuckets.None;

    /// <summary>Builds a histogram whose buckets carry its tool, key, unit and window.</summary>
    public static BpfHistogram Create(string tool, string keyKind, string key, string unit, DateTime start, DateTime end,
        IEnumerable<(long Low, long High, long Count)> buckets) => new()
    {
        Tool = tool,
        KeyKind = keyKind,
        Key = key,
        Unit = unit,
        Start = start,
        End = end,
        Buckets = [.. buckets.Select(b => new HistogramBucket
        {
            Tool = tool, KeyKind = keyKind, Key = key, Unit = unit, Start = start, End = end,
            Low = b.Low, High = b.High, Count = b.Count,
        })],
    };

    /// <summary>How many values in all.</summary>
    public long Count => Buckets.Sum(b => b.Count);

    /// <summary>Estimated median.</summary>
    public double P50 => Percentile(50);

    /// <summary>Estimated 90th percentile.</summary>
    public double P90 => Percentile(90);

    /// <summary>Estimated 99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>The upper bound of the highest non-empty bucket: no value was larger.</summary>
    public long Max => Buckets.LastOrDefault(b => b.Count > 0)?.High ?? 0;

    /// <summary>Estimated mean: each bucket's count at its midpoint.</summary>
    public double Mean
    {
        get
        {
            var count = Count;
            return count == 0 ? 0 : Buckets.Sum(b => b.Count * ((b.Low + b.High) / 2.0)) / count;
        }
    }

    /// <summary>
    /// Estimates the value below which <paramref name="percent"/> percent of the values fall: finds the bucket
    /// holding that rank and interpolates linearly between its bounds. 0 for an empty histogram.
    /// </summary>
    public double Percentile(double percent)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is between 0 and 100.");
        }
        var rank = percent / 100.0 * Count;
        long before = 0;
        foreach (var bucket in Buckets.Where(b => b.Count > 0))
        {
            if (rank <= before + bucket.Count)
            {
                return bucket.Low + ((bucket.High - bucket.Low) * Math.Max(0, rank - before) / bucket.Count);
            }
            before += bucket.Count;
        }
        return Max;
    }

    /// <summary>The histogram as bcc's tools print it: `usecs : count | distribution` with 40-star bars.</summary>
    public string Render() => HistogramChart.Render(Unit, Buckets.Select(b => (b.Low, b.High, b.Count)));

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Tool} {KeyKind} {Key}".Trim() + $": {Count} values, p50 {P50:0.#} {Unit}, p99 {P99:0.#} {Unit}";
}
