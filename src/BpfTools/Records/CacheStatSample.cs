namespace BpfTools.Records;

/// <summary>
/// One interval of page cache statistics, as printed by cachestat (libbpf-tools or bcc): how many page cache
/// accesses hit, missed, or dirtied a page, and how much memory the cache held at the end of the interval.
/// </summary>
public sealed class CacheStatSample
{
    /// <summary>Wall-clock time at the end of the interval (local time): the tool's -T column, to the second, or the line's arrival.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>Page cache accesses that found their page in the cache (HITS).</summary>
    public long Hits { get; init; }

    /// <summary>
    /// Accesses that had to add a page to the cache (MISSES). Old bcc versions could print a negative count here
    /// (dirtied pages subtracted from a smaller number of additions); it is kept as printed.
    /// </summary>
    public long Misses { get; init; }

    /// <summary>Buffers marked dirty, i.e. page cache writes (DIRTIES).</summary>
    public long Dirties { get; init; }

    /// <summary>
    /// Hits divided by all accesses, from 0 to 1 (the tools print it as a percentage, HITRATIO, with two decimals:
    /// 55.51% becomes 0.5551). 0 when there were no accesses.
    /// </summary>
    public double HitRatio { get; init; }

    /// <summary>Buffers in /proc/meminfo at the end of the interval, in MiB (BUFFERS_MB).</summary>
    public long BuffersMB { get; init; }

    /// <summary>Cached in /proc/meminfo at the end of the interval, in MiB (CACHED_MB).</summary>
    public long CachedMB { get; init; }

    /// <summary>
    /// The interval the counts cover, as asked of the tool (-Interval). The last sample of a run stopped by
    /// -Duration or Ctrl-C can cover less: the tools print what they counted when told to stop.
    /// </summary>
    public TimeSpan Interval { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Hits} hits {Misses} misses {Dirties} dirties {HitRatio:P2}";
}
