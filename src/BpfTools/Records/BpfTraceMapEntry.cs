namespace BpfTools.Records;

/// <summary>
/// One key of a bpftrace map (count, sum, min, max, avg, stats, or a stored value), as an admin's program printed it:
/// at the end of the run, by print(@map), or by an interval probe. Histogram maps become <see cref="BpfHistogram"/>s instead.
/// </summary>
public sealed class BpfTraceMapEntry
{
    /// <summary>When the map was printed (local time): each interval's print is its own set of entries.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary><see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset, for Export-Csv.</summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The map's name as the program spells it, with its @ (@opens); "@" for the unnamed map.</summary>
    public string MapName { get; init; } = "";

    /// <summary>
    /// The key: a long when bpftrace printed a whole number (@n[pid]), else the text (@n[comm]); several keys
    /// (@n[comm, pid]) come joined by commas as bpftrace prints them ("cat,22552"). Null for a map without keys.
    /// </summary>
    public object? Key { get; init; }

    /// <summary>
    /// The value: a long (count, sum, min, max, avg; a double past long's range), a string, or an object[] for a
    /// stored tuple. For stats() it is the average, with <see cref="Count"/> and <see cref="Total"/> beside it.
    /// </summary>
    public object? Value { get; init; }

    /// <summary>For a stats() map: how many values; null for other maps.</summary>
    public long? Count { get; init; }

    /// <summary>For a stats() map: their sum; null for other maps.</summary>
    public long? Total { get; init; }
}
