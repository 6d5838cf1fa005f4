using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads cachestat's text, the same layout in libbpf-tools (<c>"%8lld %8lld %8llu %7.2f%% %12llu %10llu"</c>) and
/// bcc (<c>"%8d %8d %8d %7.2f%% %12.0f %10.0f"</c>), each optionally led by -T's <c>"%-8s "</c> HH:MM:SS.
/// </summary>
/// <remarks>
/// HITRATIO is printed as a percentage and becomes a fraction (0..1). Without -T, a sample is dated by the
/// line's arrival, which is the end of its interval. A leading "^C" (a terminal's echo of Ctrl-C, seen in
/// published captures) is skipped. Counts are signed: old bcc versions printed negative misses.
/// </remarks>
internal sealed class CacheStatTextParser : OneLineRecordParser<CacheStatSample>
{
    private readonly TimeSpan _interval;
    private readonly TimeColumn _time;

    /// <summary>Creates a parser for a run sampling every <paramref name="interval"/>.</summary>
    /// <param name="interval">The interval the tool was given: each sample's Interval.</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public CacheStatTextParser(TimeSpan interval, TraceClock? clock = null)
    {
        _interval = interval;
        _time = new TimeColumn(clock ?? TraceClock.System);
    }

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("HITS", StringComparison.Ordinal) && line.Contains("HITRATIO", StringComparison.Ordinal);

    /// <inheritdoc/>
    /// <remarks>bcc prints an empty line when Ctrl-C interrupts its sleep, and "Detaching..." before it exits.</remarks>
    protected override bool IsBanner(string line) =>
        string.IsNullOrWhiteSpace(line) || line.AsSpan().Trim().SequenceEqual("Detaching...");

    /// <inheritdoc/>
    /// <remarks>
    /// The line is matched as <c>^(?:\^C)?\s*(?:(\d\d:\d\d:\d\d)\s+)?(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+\.\d+)%\s+(\d+)\s+(\d+)\s*$</c> would.
    /// </remarks>
    protected override CacheStatSample? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        var i = TextScan.WhiteSpace(s, s.StartsWith("^C") ? 2 : 0);
        var time = Column.Absent;
        if (TextScan.IsClock(s, i) && TextScan.WhiteSpace(s, i + 8) is var afterTime && afterTime > i + 8)
        {
            time = new Column(i, i + 8);
            i = afterTime;
        }
        if (!_time.TryRead(s, time, out var timestamp)
            || !TryCount(s, ref i, signed: true, out var hits)
            || !TryCount(s, ref i, signed: true, out var misses)
            || !TryCount(s, ref i, signed: true, out var dirties)
            || !TryPercent(s, ref i, out var percent)
            || !TryCount(s, ref i, signed: false, out var buffers)
            || !TryLastCount(s, i, out var cached))
        {
            return null;
        }
        return new CacheStatSample
        {
            Timestamp = timestamp,
            Hits = hits,
            Misses = misses,
            Dirties = dirties,
            // Two decimals of a percentage are four of a fraction: rounding drops binary noise (55.51 / 100).
            HitRatio = Math.Round(percent / 100, 4),
            BuffersMB = buffers,
            CachedMB = cached,
            Interval = _interval,
        };
    }

    /// <summary>A count and the white space after it; <paramref name="i"/> moves past both.</summary>
    private static bool TryCount(ReadOnlySpan<char> s, ref int i, bool signed, out long value)
    {
        value = 0;
        var end = TextScan.Integer(s, i, signed);
        var next = end < 0 ? end : TextScan.WhiteSpace(s, end);
        if (next <= end || !long.TryParse(s[i..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        i = next;
        return true;
    }

    private static bool TryPercent(ReadOnlySpan<char> s, ref int i, out double percent)
    {
        percent = 0;
        var end = TextScan.Decimal(s, i, signed: true);
        if (end < 0 || end >= s.Length || s[end] != '%')
        {
            return false;
        }
        var next = TextScan.WhiteSpace(s, end + 1);
        if (next == end + 1 || !DecimalText.TryDouble(s[i..end], out percent))
        {
            return false;
        }
        i = next;
        return true;
    }

    private static bool TryLastCount(ReadOnlySpan<char> s, int i, out long value)
    {
        value = 0;
        var end = TextScan.Integer(s, i, signed: false);
        return end >= 0 && TextScan.WhiteSpace(s, end) == s.Length
            && long.TryParse(s[i..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
