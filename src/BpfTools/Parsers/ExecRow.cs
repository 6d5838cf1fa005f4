namespace BpfTools.Parsers;

/// <summary>
/// Where the columns of one execsnoop row are. A row is matched as these regular expressions would, in this
/// order, trying the same alternatives in the same order (TAIL is <c> (\d+)\s+(\d+|\?)\s+(-?\d+) (.*)$</c>):
/// <list type="number">
/// <item>with a UID column <c>^(\d+\.\d{3})\s*(\d+?)\s*(.{16})TAIL</c>, without <c>^(\d+\.\d{3})\s*(.{16})TAIL</c>;</item>
/// <item>then, for a name wider than 16 characters, <c>^(\d+\.\d{3})\s*(\d+)\s+(.+?)\sTAIL</c>, or without a UID
/// <c>^(\d+\.\d{3})\s*(.+?)\sTAIL</c>.</item>
/// </list>
/// </summary>
internal readonly record struct ExecRow(Column Seconds, Column Uid, Column Name, Column Pid, Column ParentPid, Column Ret, Column Arguments)
{
    private const int NameWidth = 16;

    /// <summary>The row's columns, or false when the line is not a row.</summary>
    public static bool TryMatch(ReadOnlySpan<char> s, bool hasUid, out ExecRow row)
    {
        row = default;
        var point = TextScan.Digits(s, 0);
        if (point == 0 || point + 4 > s.Length || s[point] != '.'
            || !char.IsDigit(s[point + 1]) || !char.IsDigit(s[point + 2]) || !char.IsDigit(s[point + 3]))
        {
            return false;
        }
        var seconds = new Column(0, point + 4);
        var afterSeconds = TextScan.WhiteSpace(s, seconds.End);
        var matched = hasUid
            ? TryWithUid(s, afterSeconds, out row) || TryLooseWithUid(s, afterSeconds, out row)
            : TryWithoutUid(s, seconds.End, afterSeconds, loose: false, out row) || TryWithoutUid(s, seconds.End, afterSeconds, loose: true, out row);
        row = row with { Seconds = seconds };
        return matched;
    }

    // (\d+?)\s*(.{16}): the UID as short as possible, so one that runs into the name is cut where the name fits.
    private static bool TryWithUid(ReadOnlySpan<char> s, int uid, out ExecRow row)
    {
        var digitsEnd = TextScan.Digits(s, uid);
        for (var uidEnd = uid + 1; uidEnd <= digitsEnd; uidEnd++)
        {
            var latestStart = uidEnd < digitsEnd ? uidEnd : TextScan.WhiteSpace(s, uidEnd);
            if (TryName(s, latestStart, uidEnd, loose: false, out row))
            {
                row = row with { Uid = new Column(uid, uidEnd) };
                return true;
            }
        }
        row = default;
        return false;
    }

    // (\d+)\s+(.+?)\s: the whole UID, and at least one space before the name.
    private static bool TryLooseWithUid(ReadOnlySpan<char> s, int uid, out ExecRow row)
    {
        row = default;
        var uidEnd = TextScan.Digits(s, uid);
        var nameStart = TextScan.WhiteSpace(s, uidEnd);
        if (uidEnd == uid || nameStart == uidEnd || !TryName(s, nameStart, uidEnd + 1, loose: true, out row))
        {
            return false;
        }
        row = row with { Uid = new Column(uid, uidEnd) };
        return true;
    }

    private static bool TryWithoutUid(ReadOnlySpan<char> s, int secondsEnd, int afterSeconds, bool loose, out ExecRow row)
    {
        if (!TryName(s, afterSeconds, secondsEnd, loose, out row))
        {
            return false;
        }
        row = row with { Uid = Column.Absent };
        return true;
    }

    /// <summary>The name (16 characters, or with <paramref name="loose"/> the shortest that fits) and the columns after it.</summary>
    private static bool TryName(ReadOnlySpan<char> s, int latestStart, int earliestStart, bool loose, out ExecRow row)
    {
        var found = loose
            ? PaddedName.TryShortest<ExecRow, AfterWhiteSpace>(s, latestStart, earliestStart, out var name, out row)
            : PaddedName.TryFixedWidth<ExecRow, AfterName>(s, latestStart, earliestStart, [NameWidth], out name, out row);
        row = row with { Name = name };
        return found;
    }

    // (.+?)\s then TAIL: the white space that ends a loose name is not the tail's own space.
    private readonly struct AfterWhiteSpace : ITailReader<ExecRow>
    {
        public static bool TryRead(ReadOnlySpan<char> line, int at, out ExecRow tail) => AfterName.TryRead(line, at + 1, out tail);
    }

    /// <summary>" PID\s+PPID\s+RET ARGS" from where the name ends.</summary>
    private readonly struct AfterName : ITailReader<ExecRow>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int i, out ExecRow row)
        {
            row = default;
            if (i >= s.Length || s[i] != ' ')
            {
                return false;
            }
            var pid = i + 1;
            var pidEnd = TextScan.Integer(s, pid, signed: false);
            if (pidEnd < 0)
            {
                return false;
            }
            var ppid = TextScan.WhiteSpace(s, pidEnd);
            var ppidEnd = TextScan.Integer(s, ppid, signed: false);
            if (ppidEnd < 0 && ppid < s.Length && s[ppid] == '?')
            {
                ppidEnd = ppid + 1;
            }
            if (ppid == pidEnd || ppidEnd < 0)
            {
                return false;
            }
            var ret = TextScan.WhiteSpace(s, ppidEnd);
            var retEnd = TextScan.Integer(s, ret, signed: true);
            if (ret == ppidEnd || retEnd < 0 || retEnd >= s.Length || s[retEnd] != ' ')
            {
                return false;
            }
            row = new ExecRow(default, default, default, new Column(pid, pidEnd), new Column(ppid, ppidEnd), new Column(ret, retEnd),
                new Column(retEnd + 1, s.Length));
            return true;
        }
    }
}
