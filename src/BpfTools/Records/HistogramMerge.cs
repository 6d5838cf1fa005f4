namespace BpfTools.Records;

/// <summary>Sums histograms of the same unit and bucket layout: many intervals, or many hosts.</summary>
internal static class HistogramMerge
{
    /// <summary>
    /// The sum of <paramref name="histograms"/>, or why they cannot be summed. Layouts match when every bucket
    /// that starts at the same Low also ends at the same High (a histogram may simply have fewer buckets).
    /// </summary>
    public static BpfHistogram Merge(IReadOnlyList<BpfHistogram> histograms, out string? mismatch)
    {
        mismatch = null;
        var first = histograms[0];
        var tools = histograms.Select(h => h.Tool).Distinct(StringComparer.Ordinal).ToList();
        if (tools.Count > 1)
        {
            mismatch = $"The histograms measure different things ({string.Join(", ", tools)}).";
            return first;
        }
        var units = histograms.Select(h => h.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count > 1)
        {
            mismatch = $"The histograms are in different units ({string.Join(", ", units)}).";
            return first;
        }
        var buckets = new SortedDictionary<long, (long High, long Count)>();
        foreach (var bucket in histograms.SelectMany(h => h.Buckets))
        {
            if (buckets.TryGetValue(bucket.Low, out var seen))
            {
                if (seen.High != bucket.High)
                {
                    mismatch = $"The bucket layouts differ: one bucket starting at {bucket.Low} ends at {seen.High}, another at {bucket.High}.";
                    return first;
                }
                buckets[bucket.Low] = (seen.High, seen.Count + bucket.Count);
            }
            else
            {
                buckets[bucket.Low] = (bucket.High, bucket.Count);
            }
        }
        var overlapping = buckets.Zip(buckets.Skip(1)).FirstOrDefault(p => p.First.Value.High >= p.Second.Key);
        if (overlapping.First.Key != overlapping.Second.Key)
        {
            mismatch = $"The bucket layouts differ: buckets {overlapping.First.Key}-{overlapping.First.Value.High} and {overlapping.Second.Key}-{overlapping.Second.Value.High} overlap.";
            return first;
        }
        return BpfHistogram.Create(
            first.Tool, Common(histograms.Select(h => h.KeyKind)), Common(histograms.Select(h => h.Key)),
            first.Unit, histograms.Min(h => h.Start), histograms.Max(h => h.End),
            buckets.Select(b => (b.Key, b.Value.High, b.Value.Count)));
    }

    // A property all inputs share keeps its value; otherwise the sum has none.
    private static string Common(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "";
    }
}
