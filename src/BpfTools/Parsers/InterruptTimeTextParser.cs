using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the totals hardirqs and softirqs print: a "HARDIRQ  TOTAL_usecs" (or SOFTIRQ, TOTAL_nsecs, TOTAL_count)
/// header, then "name  number" rows; with -T each interval starts with its HH:MM:SS, which ends the window.
/// </summary>
internal sealed class InterruptTimeTextParser : IRecordParser<InterruptTimeSample>
{
    private readonly InterruptKind _kind;
    private readonly TraceClock _clock;
    private DateTime _windowStart;
    private DateTime? _windowEnd;
    private string? _column;

    /// <summary>Creates a parser for hardirqs' (<see cref="InterruptKind.Hard"/>) or softirqs' output.</summary>
    public InterruptTimeTextParser(InterruptKind kind, TraceClock? clock = null)
    {
        _kind = kind;
        _clock = clock ?? TraceClock.System;
        _windowStart = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<InterruptTimeSample> output)
    {
        Stats.CountLine();
        var s = line.AsSpan().TrimEnd();
        if (s.IsEmpty)
        {
            return LineKind.Ignored;
        }
        if (HistogramLine.IsTime(s))
        {
            if (!TimeColumn.TryPlaceTimeOfDay(s[..8], _clock.Now, out var end))
            {
                Stats.CountUnparsed(line);
                return LineKind.Unparsable;
            }
            // A new interval: this time closes its window, which starts where the previous one ended.
            _windowStart = _windowEnd ?? _windowStart;
            _windowEnd = end;
            return LineKind.Ignored;
        }
        if (line.StartsWith("Tracing ", StringComparison.Ordinal))
        {
            _windowStart = _clock.Now;
            return LineKind.Ready;
        }
        // The last word is the number; the name is all before it (an action name may hold spaces).
        var split = s.LastIndexOf(' ');
        if (split > 0 && (s.StartsWith("HARDIRQ ") || s.StartsWith("SOFTIRQ ")) && s[(split + 1)..].StartsWith("TOTAL_"))
        {
            _column = new string(s[(split + 1 + "TOTAL_".Length)..]);
            return LineKind.Ready;
        }
        (long? Count, TimeSpan? Time) total = default;
        if (_column is null || split <= 0
            || !long.TryParse(s[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || (total = Total(value)) is (null, null))
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        output.Add(new InterruptTimeSample
        {
            Start = _windowStart,
            // Without -T the window ends when the totals are printed.
            End = _windowEnd ?? _clock.Now,
            Kind = _kind,
            Name = new string(s[..split].TrimEnd()),
            Count = total.Count,
            TotalTime = total.Time,
        });
        Stats.CountRecord();
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public void Flush(List<InterruptTimeSample> output)
    {
        // Every total is complete on its own line.
    }

    // TimeSpan ticks are 100 ns: nanoseconds are rounded down to them.
    private (long? Count, TimeSpan? Time) Total(long value) => _column switch
    {
        "count" => (value, null),
        "usecs" when value <= TimeSpan.MaxValue.Ticks / 10 => (null, TimeSpan.FromTicks(value * 10)),
        "nsecs" => (null, TimeSpan.FromTicks(value / 100)),
        _ => (null, null),
    };
}
