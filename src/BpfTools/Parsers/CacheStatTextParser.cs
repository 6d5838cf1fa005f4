using System.Globalization;
using System.Text.RegularExpressions;
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
public sealed class CacheStatTextParser : OneLineRecordParser<CacheStatSample>
{
    private static readonly Regex Row = new(
        @"^(?:\^C)?\s*(?:(?<time>\d\d:\d\d:\d\d)\s+)?(?<hits>-?\d+)\s+(?<misses>-?\d+)\s+(?<dirties>-?\d+)\s+(?<ratio>-?\d+\.\d+)%\s+(?<buffers>\d+)\s+(?<cached>\d+)\s*$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly TimeSpan _interval;
    private readonly TraceClock _clock;

    /// <summary>Creates a parser for a run sampling every <paramref name="interval"/>.</summary>
    /// <param name="interval">The interval the tool was given: each sample's Interval.</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public CacheStatTextParser(TimeSpan interval, TraceClock? clock = null)
    {
        _interval = interval;
        _clock = clock ?? TraceClock.System;
    }

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("HITS", StringComparison.Ordinal) && line.Contains("HITRATIO", StringComparison.Ordinal);

    /// <inheritdoc/>
    /// <remarks>bcc prints an empty line when Ctrl-C interrupts its sleep, and "Detaching..." before it exits.</remarks>
    protected override bool IsBanner(string line) => string.IsNullOrWhiteSpace(line) || line.Trim() == "Detaching...";

    /// <inheritdoc/>
    protected override CacheStatSample? Read(string line)
    {
        var m = Row.Match(line);
        return m.Success && TryRead(m, out var sample) ? sample : null;
    }

    private bool TryRead(Match m, out CacheStatSample sample)
    {
        sample = null!;
        var now = _clock.Now;
        var timestamp = now;
        if (m.Groups["time"].Success)
        {
            if (!TimeSpan.TryParseExact(m.Groups["time"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var timeOfDay))
            {
                return false;
            }
            timestamp = WallClock.AtTimeOfDay(timeOfDay, now);
        }
        if (!Signed(m, "hits", out var hits) || !Signed(m, "misses", out var misses) || !Signed(m, "dirties", out var dirties)
            || !Signed(m, "buffers", out var buffers) || !Signed(m, "cached", out var cached)
            || !double.TryParse(m.Groups["ratio"].ValueSpan, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return false;
        }
        sample = new CacheStatSample
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
        return true;
    }

    private static bool Signed(Match m, string group, out long value) =>
        long.TryParse(m.Groups[group].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
