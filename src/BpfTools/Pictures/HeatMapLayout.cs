using BpfTools.Records;

namespace BpfTools.Pictures;

/// <summary>One column of a heat map: a time window and the count in each row (bucket) during it.</summary>
internal sealed record HeatColumn(DateTime Start, DateTime End, long[] Counts)
{
    /// <summary>All values in the window.</summary>
    public long Total => Counts.Sum();
}

/// <summary>
/// A series of histograms as a heat map's grid: one column per time window (histograms of the same window, from
/// several keys or hosts, are summed), one row per bucket from the lowest to the highest one that ever held a
/// value. Windows absent from the series have no column: the picture shows them as gaps.
/// </summary>
internal sealed class HeatMapLayout
{
    public string Unit { get; private init; } = "";

    /// <summary>The buckets, lowest first.</summary>
    public List<(long Low, long High)> Rows { get; private init; } = [];

    /// <summary>The windows in time order.</summary>
    public List<HeatColumn> Columns { get; private init; } = [];

    /// <summary>The largest count of one cell, which gets the darkest colour.</summary>
    public long MaxCount => Columns.SelectMany(c => c.Counts).DefaultIfEmpty(0).Max();

    /// <summary>The time the map starts and ends: the first window's start, the last one's end.</summary>
    public (DateTime From, DateTime To) Span => Columns.Count == 0 ? default : (Columns.Min(c => c.Start), Columns.Max(c => c.End));

    /// <summary>Lays out <paramref name="histograms"/>; null, with the reason, when their units differ.</summary>
    public static HeatMapLayout? Create(IReadOnlyList<BpfHistogram> histograms, out string? mismatch)
    {
        var units = histograms.Select(h => h.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count > 1)
        {
            mismatch = $"The histograms are in different units ({string.Join(", ", units)}): one heat map has one latency axis.";
            return null;
        }
        mismatch = null;
        var used = histograms.SelectMany(h => h.Buckets).Where(b => b.Count > 0).ToList();
        var rows = used.Count == 0
            ? []
            : histograms.SelectMany(h => h.Buckets)
                .Where(b => b.Low >= used.Min(u => u.Low) && b.Low <= used.Max(u => u.Low))
                .Select(b => (b.Low, b.High)).Distinct().OrderBy(r => r.Low).ToList();
        var rowOf = rows.Select((r, i) => (r.Low, i)).ToDictionary(r => r.Low, r => r.i);
        var columns = histograms.GroupBy(h => (h.Start, h.End)).OrderBy(g => g.Key.Start).Select(window =>
        {
            var counts = new long[rows.Count];
            foreach (var bucket in window.SelectMany(h => h.Buckets).Where(b => b.Count > 0))
            {
                counts[rowOf[bucket.Low]] += bucket.Count;
            }
            return new HeatColumn(window.Key.Start, window.Key.End, counts);
        }).ToList();
        return new HeatMapLayout { Unit = units.FirstOrDefault() ?? "", Rows = rows, Columns = columns };
    }
}
