using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads libbpf-tools' biopattern: a banner ("Tracing block device I/O requested seeks... Hit Ctrl-C to end."), a
/// header printed once (<c>[TIME     ]DISK     %RND  %SEQ    COUNT     KBYTES</c>), then a row per disk with I/O
/// per interval (<c>"%-7s %5ld %5ld %8d %10lld"</c>, with -T led by <c>"%-9s "</c> HH:MM:SS). Nothing separates the
/// intervals but -T's time, which BpfTools always asks for: a row whose time differs from the one before opens a
/// new window, which starts where the previous one ended (the first at the banner).
/// </summary>
internal sealed class DiskPatternTextParser : IRecordParser<DiskPatternSample>
{
    private readonly TraceClock _clock;
    private readonly StringCache _disks = new();
    private DateTime _start;
    private DateTime _end;
    private string _printed = "";
    // The disks of the current window: biopattern prints each disk once per interval, so a disk seen again under the
    // same printed second is a new window (the last interval and the print at Ctrl-C can fall in one second).
    private readonly HashSet<string> _windowDisks = new(StringComparer.Ordinal);

    /// <summary>Creates a parser.</summary>
    public DiskPatternTextParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _end = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public void Flush(List<DiskPatternSample> output)
    {
        // Every row is complete on its own line.
    }

    /// <inheritdoc/>
    public LineKind Parse(string line, List<DiskPatternSample> output)
    {
        Stats.CountLine();
        var s = line.AsSpan().TrimEnd();
        if (s.IsEmpty)
        {
            return LineKind.Ignored;
        }
        if (s.StartsWith("Tracing block device I/O"))
        {
            _start = _end = _clock.Now;
            return LineKind.Ready;
        }
        if (s.Contains("%RND", StringComparison.Ordinal) && s.EndsWith("KBYTES"))
        {
            return LineKind.Ready;
        }
        if (Read(s) is { } sample)
        {
            Stats.CountRecord();
            output.Add(sample);
            return LineKind.Record;
        }
        Stats.CountUnparsed(line);
        return LineKind.Unparsable;
    }

    private void NewWindow(DateTime end)
    {
        _start = _end;
        // A print dated to the second can place before the previous one, dated by arrival: never a negative window.
        _end = end < _start ? _start : end;
        _windowDisks.Clear();
    }

    /// <summary>A row: <c>^(?:(\d\d:\d\d:\d\d) +)?(\S+) +(\d+) +(\d+) +(\d+) +(\d+)$</c>.</summary>
    private DiskPatternSample? Read(ReadOnlySpan<char> s)
    {
        var i = 0;
        var time = ReadOnlySpan<char>.Empty;
        if (TextScan.IsClock(s, 0) && s.Length > 8 && s[8] == ' ')
        {
            time = s[..8];
            i = TextScan.Spaces(s, 8);
        }
        var diskEnd = TextScan.NonWhiteSpace(s, i);
        if (diskEnd == i || diskEnd == s.Length)
        {
            return null;
        }
        var disk = s[i..diskEnd];
        Span<long> values = stackalloc long[4];
        var at = diskEnd;
        for (var v = 0; v < values.Length; v++)
        {
            var start = TextScan.Spaces(s, at);
            var end = TextScan.Integer(s, start, signed: false);
            if (start == at || end < 0 || !long.TryParse(s[start..end], NumberStyles.None, CultureInfo.InvariantCulture, out values[v]))
            {
                return null;
            }
            at = end;
        }
        if (at != s.Length || values[0] > 100 || values[1] > 100)
        {
            return null;
        }
        var name = _disks.Get(disk);
        if (!time.IsEmpty && !time.SequenceEqual(_printed))
        {
            if (!TimeColumn.TryPlaceTimeOfDay(time, _clock.Now, out var printed))
            {
                return null;
            }
            _printed = time.ToString();
            NewWindow(printed);
        }
        else if (_windowDisks.Contains(name))
        {
            // The same disk again under the same second (or without -T): a new window, dated by its arrival.
            NewWindow(_clock.Now);
        }
        else if (time.IsEmpty)
        {
            // Without -T (not how BpfTools runs it), a row is dated by its arrival.
            _end = _clock.Now;
        }
        _windowDisks.Add(name);
        return new DiskPatternSample
        {
            Start = _start,
            End = _end,
            Disk = name,
            RandomPercent = (int)values[0],
            SequentialPercent = (int)values[1],
            Count = values[2],
            Bytes = values[3] * 1024,
        };
    }
}
