using System.Globalization;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the log2 histograms bcc's and libbpf-tools' histogram tools print (biolatency, runqlat...):
/// an optional "disk = vda" / "pid = 42 nginx" key line, a "usecs : count distribution" header, then
/// "low -> high : count |***|" rows. With -T each interval starts with its HH:MM:SS, which ends the window.
/// </summary>
public sealed partial class LogHistogramTextParser : IRecordParser<BpfHistogram>
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
        if (RowPattern().Match(line) is { Success: true } row && _unit is not null)
        {
            _rows.Add((Long(row.Groups[1]), Long(row.Groups[2]), Long(row.Groups[3])));
            return LineKind.Pending;
        }
        // Anything but a row ends the histogram being read.
        var kind = Complete(output) ? LineKind.Record : LineKind.Ignored;
        if (HeaderPattern().Match(line) is { Success: true } header)
        {
            _unit = header.Groups[1].Value;
            return kind;
        }
        if (KeyPattern().Match(line) is { Success: true } key)
        {
            _key = (key.Groups[1].Value, key.Groups[2].Value.Trim());
            return kind;
        }
        if (TimePattern().Match(line) is { Success: true } time)
        {
            // A new interval: the previous one's histograms are all out; this time closes the new window.
            _windowStart = _windowEnd ?? _windowStart;
            _windowEnd = WallClock.AtTimeOfDay(TimeSpan.ParseExact(time.Groups[1].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture), _clock.Now);
            _key = ("", "");
            return kind;
        }
        if (line.StartsWith("Tracing ", StringComparison.Ordinal))
        {
            _windowStart = _clock.Now;
            return LineKind.Ready;
        }
        if (line.Trim().Length == 0)
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

    private static long Long(Group group) => long.Parse(group.ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(\d+)\s*->\s*(\d+)\s*:\s*(\d+)\s*\|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^\s*(usecs|msecs|nsecs|bytes|kbytes|slots)\s*:\s*count\s+distribution")]
    private static partial Regex HeaderPattern();

    // "disk = vda", "flags = Sync-Write", "pid = 22 ksoftirqd/1", "tid = 7", "comm = nginx".
    [GeneratedRegex(@"^\s*(disk|flags|pid|tid|comm|pidns)\s*=\s*(.*)$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d)\s*$")]
    private static partial Regex TimePattern();
}
