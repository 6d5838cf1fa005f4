using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads runqslower's text, libbpf-tools' and bcc's: a banner, a header, then rows
/// <c>%-8s %-16s %-6d %14llu</c> (TIME, COMM, TID, LAT(us)) and with -P <c> %-16s %-6d </c> (PREV COMM, PREV TID).
/// </summary>
/// <remarks>
/// The line is matched as <c>^(\d\d:\d\d:\d\d) (.{16}) +(\d+) +(\d+)(?: (.+?) +(\d+))? *$</c> would; when the name
/// does not fit its 16 characters (a multi-byte name), as the shortest text followed by the columns. Both names
/// may hold spaces: the previous name is what lies between the latency and the last column.
/// </remarks>
internal sealed class RunQueueDelayTextParser : OneLineRecordParser<RunQueueDelayEvent>
{
    private const int NameWidth = 16;
    private const int NameStart = 9;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public RunQueueDelayTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds: the tool prints the time of day (see <see cref="TimeColumn.AtTimeOfDay"/>).</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME", StringComparison.Ordinal) && line.Contains("LAT(us)", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing run queue latency", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override RunQueueDelayEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TextScan.IsClock(s, 0) || s.Length <= NameStart || s[8] != ' '
            || !PaddedName.TryRead<Row, AfterName>(s, NameStart, NameStart, [NameWidth], out var name, out var row)
            || !int.TryParse(row.ThreadId.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
            || !long.TryParse(row.Microseconds.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || microseconds > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMicrosecond
            || !_time.TryRead(s[..8], out var timestamp))
        {
            return null;
        }
        var previousTid = -1;
        if (row.PreviousThreadId.IsPresent
            && !int.TryParse(row.PreviousThreadId.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out previousTid))
        {
            return null;
        }
        return new RunQueueDelayEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(name.In(s).TrimEnd(' ')),
            ThreadId = tid,
            Delay = TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond),
            PreviousProcessName = row.PreviousName.IsPresent ? _names.Get(row.PreviousName.In(s).TrimEnd(' ')) : "",
            PreviousThreadId = previousTid,
        };
    }

    private record struct Row(Column ThreadId, Column Microseconds, Column PreviousName, Column PreviousThreadId);

    /// <summary>" +TID +LAT" and then the end, or " PREV_COMM +PREV_TID *".</summary>
    private readonly struct AfterName : ITailReader<Row>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int at, out Row row)
        {
            row = default;
            var tidEnd = TextScan.SpacedInteger(s, at, signed: false, out var tidStart);
            if (tidEnd < 0)
            {
                return false;
            }
            var latStart = TextScan.Spaces(s, tidEnd);
            var latEnd = TextScan.Integer(s, latStart, signed: false);
            if (latEnd < 0)
            {
                return false;
            }
            row = new Row(new Column(tidStart, tidEnd), new Column(latStart, latEnd), Column.Absent, Column.Absent);
            if (TextScan.OnlySpacesFrom(s, latEnd))
            {
                return true;
            }
            // -P: one space, the previous name (which may hold spaces), then its TID as the last column.
            var end = s.TrimEnd(' ').Length;
            var previousTidStart = end;
            while (previousTidStart > 0 && char.IsAsciiDigit(s[previousTidStart - 1]))
            {
                previousTidStart--;
            }
            if (s[latEnd] != ' ' || previousTidStart == end || previousTidStart <= latEnd + 2 || s[previousTidStart - 1] != ' ')
            {
                return false;
            }
            row = row with { PreviousName = new Column(latEnd + 1, previousTidStart - 1), PreviousThreadId = new Column(previousTidStart, end) };
            return true;
        }
    }
}
