using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads drsnoop's text. libbpf-tools prints <c>TIME COMM TID LAT(ms) PAGES</c> (<c>%-8s %-16s %-6d %8.3f %5lld</c>,
/// the time of day, the thread); bcc's drsnoop <c>[TIME(s)] [UID] COMM PID LAT(ms) PAGES [FREE(KB)]</c>
/// (<c>%-14.9f</c> seconds since its first event with -T, <c>%-6d</c> with -U, <c>%-14.14s %-6s %8.2f %5d</c>, the
/// process, or the thread with -t). The header says which columns a run has; until one is read, the layout the
/// backend asked for is assumed.
/// </summary>
/// <remarks>
/// A row is read from the right: [FREE(KB)], PAGES, LAT(ms), PID or TID are numbers; from the left, the time and the
/// UID where the header has them; what lies between is the name, spaces included (only trailing spaces are lost).
/// bcc's published blocks pad some columns differently (one space more), which reading by tokens absorbs.
/// </remarks>
internal sealed class DirectReclaimTextParser : OneLineRecordParser<DirectReclaimEvent>
{
    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly bool _timeOfDay;
    private Layout _layout;

    /// <summary>Creates a parser for libbpf-tools' layout (<paramref name="bcc"/> false) or bcc's with -T and -U.</summary>
    public DirectReclaimTextParser(TraceClock? clock = null, bool bcc = false)
    {
        _time = new TimeColumn(clock ?? TraceClock.System);
        _timeOfDay = !bcc;
        _layout = bcc ? new Layout(Time: true, Uid: true, Thread: false, Free: false) : new Layout(Time: true, Uid: false, Thread: true, Free: false);
    }

    /// <summary>libbpf-tools prints the time of day, to the second; bcc's -T seconds to the nanosecond.</summary>
    public override TimeSpan TimeResolution => _timeOfDay ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;

    /// <summary>The header, which also sets the layout of the rows that follow.</summary>
    protected override bool IsHeader(string line)
    {
        if (!line.Contains("LAT(ms)", StringComparison.Ordinal) || !line.Contains("PAGES", StringComparison.Ordinal))
        {
            return false;
        }
        var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _layout = new Layout(
            Time: columns[0].StartsWith("TIME", StringComparison.Ordinal),
            Uid: columns.Contains("UID"),
            Thread: columns.Contains("TID"),
            Free: columns.Contains("FREE(KB)"));
        return true;
    }

    /// <inheritdoc/>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing direct reclaim events", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override DirectReclaimEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line.TrimEnd(' ');
        var end = s.Length;
        if (_layout.Free && !TryToken(s, ref end, out _))
        {
            return null;
        }
        if (!TryToken(s, ref end, out var pagesText) || !TryToken(s, ref end, out var latencyText) || !TryToken(s, ref end, out var idText)
            || !long.TryParse(pagesText, NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
            || !DecimalText.TryScaleRounded(latencyText, TimeSpan.TicksPerMillisecond, out var ticks) || ticks < 0
            || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var start = 0;
        var timestamp = default(DateTime);
        long? uid = null;
        if (_layout.Time ? !TryLeadingToken(s, end, ref start, out var timeText) || !_time.TryRead(timeText, out timestamp)
            : !_time.TryRead(s, Column.Absent, out timestamp))
        {
            return null;
        }
        if (_layout.Uid)
        {
            if (!TryLeadingToken(s, end, ref start, out var uidText) || !long.TryParse(uidText, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            {
                return null;
            }
            uid = u;
        }
        var name = s[start..end].TrimEnd(' ');
        if (name.IsEmpty)
        {
            return null;
        }
        return new DirectReclaimEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(name),
            ProcessId = _layout.Thread ? null : id,
            ThreadId = _layout.Thread ? id : null,
            Uid = uid,
            Latency = TimeSpan.FromTicks(ticks),
            Pages = pages,
        };
    }

    /// <summary>The last space-separated token before <paramref name="end"/>; <paramref name="end"/> moves before it and its spaces.</summary>
    private static bool TryToken(ReadOnlySpan<char> s, ref int end, out ReadOnlySpan<char> token)
    {
        var space = s[..end].LastIndexOf(' ');
        token = s[(space + 1)..end];
        if (token.IsEmpty || space < 0)
        {
            return false;
        }
        end = space;
        while (end > 0 && s[end - 1] == ' ')
        {
            end--;
        }
        return true;
    }

    /// <summary>The first token from <paramref name="start"/> that leaves room before <paramref name="end"/>; moves past its spaces.</summary>
    private static bool TryLeadingToken(ReadOnlySpan<char> s, int end, ref int start, out ReadOnlySpan<char> token)
    {
        var stop = TextScan.NonWhiteSpace(s, start);
        token = s[start..Math.Min(stop, end)];
        if (token.IsEmpty || stop >= end)
        {
            return false;
        }
        start = TextScan.Spaces(s, stop);
        return true;
    }

    /// <summary>Which of the optional columns a run prints, and whether its id is the thread's.</summary>
    private readonly record struct Layout(bool Time, bool Uid, bool Thread, bool Free);
}
