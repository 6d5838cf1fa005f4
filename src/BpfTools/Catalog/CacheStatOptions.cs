using System.Globalization;

namespace BpfTools.Catalog;

/// <summary>What Get-BpfCacheStat asks of cachestat.</summary>
/// <param name="Interval">Seconds per sample: the tools' positional interval argument.</param>
public sealed record CacheStatOptions(int Interval)
{
    /// <summary>The interval as the tools take it.</summary>
    public string IntervalArgument => Interval.ToString(CultureInfo.InvariantCulture);
}
