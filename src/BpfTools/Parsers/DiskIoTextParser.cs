using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads biosnoop's text, in both layouts:
/// libbpf-tools: <c>"%-11.6f %-14.14s %-7d %-7s %-4s %-10lld %-7d "</c>, then with -Q <c>"%7.3f "</c> (QUE, -1 when the
/// insertion was missed), then <c>"%7.3f"</c> (LAT); T is the full RWBS text and an unknown disk is "Unknown".
/// bcc's Python tool: <c>"%-11.6f %-14.14s %-6s %-7s %-1s %-10s %-7s"</c> (newer: PID %-7s, DISK %-9s, "&lt;unknown&gt;"),
/// then with -Q <c>"%7.2f "</c>, then <c>"%7.2f"</c>; T is only R or W.
/// TIME(s) counts seconds from the first event, QUE and LAT are milliseconds. Sector and bytes are whole numbers
/// and the times have decimals, so the QUE column is told apart without the header.
/// </summary>
/// <remarks>
/// The name is taken as the 14 characters printf cuts and pads it to, so names with spaces parse; an empty disk
/// name (old bcc, request without a disk) leaves its column blank. The line is matched as
/// <c>^(\d+\.\d+) +(.{14}) +(\d+) +(?:(\S+) +)?([A-Za-z]+) +(\d+) +(\d+) +(?:(-?\d+\.\d+) +)?(-?\d+\.\d+) *$</c> would,
/// trying the same alternatives in the same order; when no 14-character name fits, the shortest name that does.
/// </remarks>
internal sealed class DiskIoTextParser : OneLineRecordParser<DiskIoEvent>
{
    private const int NameWidth = 14;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly StringCache _disks = new();
    private readonly StringCache _rwbs = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    /// <remarks>biosnoop counts seconds from its first event.</remarks>
    public DiskIoTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System, exactSeconds: true);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME(s)", StringComparison.Ordinal) && line.Contains("LAT(ms)", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override DiskIoEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TryMatch(s, out var row)
            || !long.TryParse(row.Sector.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var sector)
            || !long.TryParse(row.Bytes.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            || !TryMilliseconds(row.Latency.In(s), out var latency)
            // libbpf-tools prints a QUE of -1 for a request whose insertion it missed: no queue time known.
            || !TryQueued(s, row.Queued, out var queued)
            || !int.TryParse(row.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !_time.TryRead(row.Time.In(s), out var timestamp))
        {
            return null;
        }
        var rwbs = _rwbs.Get(row.Rwbs.In(s));
        return new DiskIoEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(row.Name.In(s).TrimEnd(' ')),
            ProcessId = pid,
            Disk = row.Disk.IsPresent ? _disks.Get(row.Disk.In(s)) : "",
            Rwbs = rwbs,
            Operation = Records.Rwbs.Operation(rwbs),
            Sector = sector,
            Bytes = bytes,
            Latency = latency,
            QueueTime = queued,
        };
    }

    private static bool TryQueued(ReadOnlySpan<char> s, Column queued, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        return !queued.IsPresent || TryMilliseconds(queued.In(s), out time);
    }

    // Exact decimal arithmetic: "0.74" ms is exactly 7400 ticks. Zero or negative means not known.
    private static bool TryMilliseconds(ReadOnlySpan<char> text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (text[0] == '-')
        {
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
        }
        if (!DecimalText.TryScaleTruncated(text, TimeSpan.TicksPerMillisecond, out var ticks))
        {
            return false;
        }
        time = TimeSpan.FromTicks(ticks);
        return true;
    }

    private record struct Row(Column Time, Column Name, Column Pid, Column Disk, Column Rwbs, Column Sector, Column Bytes, Column Queued, Column Latency);

    private static bool TryMatch(ReadOnlySpan<char> s, out Row row)
    {
        row = default;
        var timeEnd = TextScan.Decimal(s, 0, signed: false);
        if (timeEnd < 0)
        {
            return false;
        }
        var found = PaddedName.TryRead<Row, AfterName>(s, TextScan.Spaces(s, timeEnd), timeEnd + 1, [NameWidth], out var name, out row);
        row = row with { Time = new Column(0, timeEnd), Name = name };
        return found;
    }

    /// <summary>" +PID +" then the rest, with a DISK column first if that reads, else without.</summary>
    private readonly struct AfterName : ITailReader<Row>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int nameEnd, out Row row)
        {
            row = default;
            var disk = TextScan.PaddedInteger(s, nameEnd, signed: false, out var pid);
            if (disk < 0)
            {
                return false;
            }
            var diskEnd = TextScan.NonWhiteSpace(s, disk);
            if (diskEnd > disk && diskEnd < s.Length && s[diskEnd] == ' ' && TryFromRwbs(s, TextScan.Spaces(s, diskEnd), out row))
            {
                row = row with { Pid = pid, Disk = new Column(disk, diskEnd) };
                return true;
            }
            if (TryFromRwbs(s, disk, out row))
            {
                row = row with { Pid = pid, Disk = Column.Absent };
                return true;
            }
            return false;
        }
    }

    /// <summary>"T +SECTOR +BYTES +" then "QUE +LAT" or "LAT", and nothing but spaces after.</summary>
    private static bool TryFromRwbs(ReadOnlySpan<char> s, int rwbs, out Row row)
    {
        row = default;
        var rwbsEnd = rwbs;
        while (rwbsEnd < s.Length && char.IsAsciiLetter(s[rwbsEnd]))
        {
            rwbsEnd++;
        }
        if (rwbsEnd == rwbs || rwbsEnd >= s.Length || s[rwbsEnd] != ' ')
        {
            return false;
        }
        var sectorEnd = TextScan.SpacedInteger(s, rwbsEnd, signed: false, out var sector);
        if (sectorEnd < 0)
        {
            return false;
        }
        var times = TextScan.PaddedInteger(s, sectorEnd, signed: false, out var bytes);
        if (times < 0)
        {
            return false;
        }
        var first = TextScan.Decimal(s, times, signed: true);
        if (first < 0)
        {
            return false;
        }
        var queued = Column.Absent;
        var latency = new Column(times, first);
        var second = TextScan.Spaces(s, first);
        var secondEnd = TextScan.Decimal(s, second, signed: true);
        if (second > first && secondEnd > 0 && TextScan.OnlySpacesFrom(s, secondEnd))
        {
            queued = latency;
            latency = new Column(second, secondEnd);
        }
        else if (!TextScan.OnlySpacesFrom(s, first))
        {
            return false;
        }
        row = new Row(default, default, default, default, new Column(rwbs, rwbsEnd), new Column(sector, sectorEnd),
            bytes, queued, latency);
        return true;
    }
}
