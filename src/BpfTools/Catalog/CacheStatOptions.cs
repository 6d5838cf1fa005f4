namespace BpfTools.Catalog;

/// <summary>What Get-BpfCacheStat asks of cachestat.</summary>
/// <param name="Interval">Seconds per sample: the tools' positional interval argument.</param>
internal sealed record CacheStatOptions(int Interval);
