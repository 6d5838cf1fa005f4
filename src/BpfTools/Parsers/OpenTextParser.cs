using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads opensnoop's text (libbpf-tools and bcc) run with -T (time), -U (UID) and -e (flags). libbpf-tools
/// prints HH:MM:SS, bcc seconds since its first event. The name is taken as the 16 characters printf pads it to,
/// so names with spaces parse; the path is the rest of the line.
/// </summary>
/// <remarks>
/// <para>
/// A path holding a newline spills onto the next line, which cannot be told from a broken line afterwards:
/// it is reported as unparsable rather than guessed. The bpftrace backend keeps such paths exact.
/// </para>
/// <para>
/// The line is <c>TIME [UID] PID COMM FD ERR [FLAGS [MODE]] PATH</c>, matched as the regular expression
/// <c>^(\d\d:\d\d:\d\d|\d+\.\d+) +(?:(\d+) +)?(\d+) +(.{16}) +(-?\d+) +(\d+) (?:([0-7]{8}) (?:(?:[0-7]{4}|n/a) +)?)?(.*)$</c>
/// would, trying the same alternatives in the same order; when no 16-character name fits, the shortest name
/// that does (<c>.+?</c>, a name wider than 16 columns) is taken.
/// </para>
/// </remarks>
internal sealed class OpenTextParser : OneLineRecordParser<OpenEvent>
{
    private const int NameWidth = 16;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    // Paths repeat (one capture of a busy host: 74 distinct in 457 opens), and a record's strings are most of what
    // the reading thread allocates and the queue holds: shared, as bpftrace's tuples already share theirs.
    private readonly StringCache _paths = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public OpenTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("COMM", StringComparison.Ordinal) && line.Contains("PATH", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override OpenEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TryMatch(s, out var row)
            || !TryReadUid(s, row, out var uid)
            || !TextScan.TryUnsigned(row.Pid.In(s), out var pid)
            || !TextScan.TrySigned(row.Fd.In(s), out var fd)
            || !TextScan.TryUnsigned(row.Errno.In(s), out var errno)
            || !_time.TryRead(row.Time.In(s), out var timestamp))
        {
            return null;
        }
        return new OpenEvent
        {
            Timestamp = timestamp,
            Uid = uid,
            ProcessId = pid,
            ProcessName = _names.Get(row.Name.In(s).TrimEnd(' ')),
            Fd = fd,
            Errno = errno,
            Flags = !row.Flags.IsPresent ? -1 : Octal(row.Flags.In(s)),
            Path = _paths.Get(row.Path.In(s)),
        };
    }

    private static bool TryReadUid(ReadOnlySpan<char> s, in Row row, out long uid)
    {
        uid = -1;
        return !row.Uid.IsPresent || TextScan.TryUnsignedLong(row.Uid.In(s), out uid);
    }

    private static int Octal(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 8) + (c - '0');
        }
        return value;
    }

    /// <summary>Where each column is; an absent optional column is <c>-1..-1</c>.</summary>
    private record struct Row(Column Time, Column Uid, Column Pid, Column Name, Column Fd, Column Errno, Column Flags, Column Path);

    private static bool TryMatch(ReadOnlySpan<char> s, out Row row)
    {
        row = default;
        var timeEnd = TextScan.IsClock(s, 0) ? 8 : TextScan.Decimal(s, 0, signed: false);
        if (timeEnd < 0)
        {
            return false;
        }
        // TIME, spaces, then one or two numbers (UID and PID, or PID alone), each followed by spaces.
        var first = TextScan.Spaces(s, timeEnd);
        var firstEnd = TextScan.Digits(s, first);
        if (first == timeEnd || firstEnd == first || firstEnd >= s.Length || s[firstEnd] != ' ')
        {
            return false;
        }
        var second = TextScan.Spaces(s, firstEnd);
        var secondEnd = TextScan.Digits(s, second);
        var hasSecond = secondEnd > second && secondEnd < s.Length && s[secondEnd] == ' ';
        var time = new Column(0, timeEnd);
        var uid = new Column(first, firstEnd);

        // A regex tries the UID alternative first, and gives back the spaces before the name one at a time.
        foreach (var loose in (ReadOnlySpan<bool>)[false, true])
        {
            if (hasSecond && TryName(s, secondEnd, loose, out var name, out var tail))
            {
                row = new Row(time, uid, new Column(second, secondEnd), name, tail.Fd, tail.Errno, tail.Flags, tail.Path);
                return true;
            }
            if (TryName(s, firstEnd, loose, out name, out tail))
            {
                row = new Row(time, Column.Absent, uid, name, tail.Fd, tail.Errno, tail.Flags, tail.Path);
                return true;
            }
        }
        return false;
    }

    /// <summary>The name after the PID ending at <paramref name="pidEnd"/> and at least one space, and the columns after it.</summary>
    private static bool TryName(ReadOnlySpan<char> s, int pidEnd, bool loose, out Column name, out Tail tail)
    {
        var latestStart = TextScan.Spaces(s, pidEnd);
        return loose
            ? PaddedName.TryShortest<Tail, AfterName>(s, latestStart, pidEnd + 1, out name, out tail)
            : PaddedName.TryFixedWidth<Tail, AfterName>(s, latestStart, pidEnd + 1, [NameWidth], out name, out tail);
    }

    private record struct Tail(Column Fd, Column Errno, Column Flags, Column Path);

    /// <summary>" +FD +ERR " then the optional FLAGS and MODE and the path, from where the name ends.</summary>
    private readonly struct AfterName : ITailReader<Tail>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int i, out Tail tail)
        {
            tail = default;
            var fdEnd = TextScan.SpacedInteger(s, i, signed: true, out var fd);
            if (fdEnd < 0)
            {
                return false;
            }
            var errnoEnd = TextScan.SpacedInteger(s, fdEnd, signed: false, out var errno);
            if (errnoEnd < 0)
            {
                return false;
            }
            var path = errnoEnd + 1;
            var flags = Column.Absent;
            if (IsOctal(s, path, 8) && path + 8 < s.Length && s[path + 8] == ' ')
            {
                flags = new Column(path, path + 8);
                path += 9;
                // libbpf-tools after 0.26 print the mode ("%04o ", or "n/a  " when there is none).
                var modeEnd = IsOctal(s, path, 4) ? path + 4 : s[path..].StartsWith("n/a") ? path + 3 : -1;
                if (modeEnd > 0 && modeEnd < s.Length && s[modeEnd] == ' ')
                {
                    path = TextScan.Spaces(s, modeEnd);
                }
            }
            tail = new Tail(new Column(fd, fdEnd), new Column(errno, errnoEnd), flags, new Column(path, s.Length));
            return true;
        }
    }

    private static bool IsOctal(ReadOnlySpan<char> s, int i, int count)
    {
        if (i + count > s.Length)
        {
            return false;
        }
        foreach (var c in s.Slice(i, count))
        {
            if (c is < '0' or > '7')
            {
                return false;
            }
        }
        return true;
    }
}
