namespace BpfTools.Catalog;

/// <summary>What a histogram cmdlet asks of its tool.</summary>
/// <param name="Interval">Seconds between histograms, or null for one at the end.</param>
/// <param name="Milliseconds">Measure in milliseconds instead of microseconds (-m).</param>
internal abstract record HistogramOptions(int? Interval, bool Milliseconds)
{
    /// <summary>The unit the tool measures in.</summary>
    public string Unit => Milliseconds ? "msecs" : "usecs";

    /// <summary>For bpftrace programs, which need an interval: without one, the histogram comes at the end.</summary>
    public string BpftraceInterval => (Interval ?? 86400).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
