using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the log2 histograms bcc's and libbpf-tools' histogram tools print (biolatency, runqlat...):
/// an optional "disk = vda" / "pid = 42 nginx" key line, a "usecs : count distribution" header, then
/// "low -> high : count |***|" rows. With -T each interval starts with its HH:MM:SS, which ends the window.
/// </summary>
internal sealed class LogHistogramTextParser : IRecordParser<BpfHistogram>
{
    private readonly string _tool;
    private readonly TraceClock _clock;
    private readonly List<(long Low, long High, long Count)> _rows = [];
    private DateTime _windowStart;
    private DateTime? _windowEnd;
    private (string Kind, string Value) _key = ("", "");
    private string? _unit;

    /// <summary>Creates a parser for <paramref name="tool"/>'s output.</summary>
    public LogHistogramTextParser(string tool, TraceClock? clock = null)
    {
        _tool = tool;
        _clock = clock ?? TraceClock.System;
        _windowStart = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<BpfHistogram> output)
    {
        Stats.CountLine();
        var s = line.AsSpan();
        if (_unit is not null && HistogramLine.TryRow(s, out var low, out var high, out var count))
        {
            if (!TryLong(low, out var lowValue) || !TryLong(high, out var highValue) || !TryLong(count, out var countValue))
            {
                // A row whose numbers do not fit: counted, and the histogram goes on.
                Stats.CountUnparsed(line);
                return LineKind.Unparsable;
            }
            _rows.Add((lowValue, highValue, countValue));
            return LineKind.Pending;
        }
        // Anything but a row ends the histogram being read.
        var kind = Complete(output) ? LineKind.Record : LineKind.Ignored;
        if (HistogramLine.TryHeader(s, out var unit))
        {
            _unit = unit;
            return kind;
        }
        if (HistogramLine.TryKey(s, out var keyKind, out var keyValue))
        {
            _key = (keyKind, new string(keyValue.Trim()));
            return kind;
        }
        if (HistogramLine.IsTime(s))
        {
            if (!TimeColumn.TryPlaceTimeOfDay(s[..8], _clock.Now, out var windowEnd))
            {
                Stats.CountUnparsed(line);
                return LineKind.Unparsable;
            }
            // A new interval: the previous one's histograms are all out; this time closes the new window.
            _windowStart = _windowEnd ?? _windowStart;
            _windowEnd = windowEnd;
            _key = ("", "");
            return kind;
        }
        if (line.StartsWith("Tracing ", StringComparison.Ordinal))
        {
            _windowStart = _clock.Now;
            return LineKind.Ready;
        }
        if (s.Trim().IsEmpty)
        {
            return kind;
        }
        Stats.CountUnparsed(line);
        return LineKind.Unparsable;
    }

    /// <inheritdoc/>
    public void Flush(List<BpfHistogram> output) => Complete(output);

    private bool Complete(List<BpfHistogram> output)
    {
        if (_unit is null)
        {
            return false;
        }
        // Without -T the window ends when the histogram is printed.
        var end = _windowEnd ?? _clock.Now;
        output.Add(BpfHistogram.Create(_tool, _key.Kind, _key.Value, _unit, _windowStart, end, _rows));
        Stats.CountRecord();
        _rows.Clear();
        _unit = null;
        return true;
    }

    private static bool TryLong(ReadOnlySpan<char> digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
