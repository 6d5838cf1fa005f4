using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads libbpf-tools mountsnoop's text (with -t, or without its TIME column):
/// [TIME] COMM PID TID MNT_NS CALL, where CALL is strace-like:
/// <c>mount("src", "target", "fstype", FLAGS, "data") = RET</c> or <c>umount("target", FLAGS) = RET</c>.
/// </summary>
/// <remarks>
/// <para>
/// mountsnoop prints the strings raw between double quotes, not escaped, so a target such as
/// <c>/tmp/x "q",x</c> cannot be split on quotes or commas. The call is split by its arity instead: FLAGS is
/// never quoted (<c>0x0</c> or names joined with <c> | </c>) and a file system type holds no quote, which fixes
/// the fields around them; what is still ambiguous (a source holding <c>", "</c>) goes to the target.
/// RET is 0 or an errno name (<c>-ENOENT</c>); a bare negative number is read too.
/// </para>
/// <para>
/// The line is read with spans (no regular expression: this parser runs once per event) exactly as these
/// expressions match it, trying the same alternatives in the same order:
/// the row <c>^(?:(\d\d:\d\d:\d\d) +)?(.{16}) (\d+) +(\d+) +(\d+) +(u?mount\(.*)$</c> (COMM is printed %-16s and
/// a comm has at most 15 characters, so the name is the 16 characters before a space: names with spaces or
/// digits parse), then the call, <c>^mount\("(.*?)", "(.*)", "([^"]*)", FLAGS, "(.*)"\) = RET$</c> (lazy source:
/// the first <c>", "</c> ends it; greedy target up to the quote-free fstype and the unquoted flags) or
/// <c>^umount\("(.*)", FLAGS\) = RET$</c>, with FLAGS <c>\w+(?: \| \w+)*</c> and RET <c>-?\d+|-E[A-Z0-9]+</c>.
/// </para>
/// </remarks>
internal sealed class MountTextParser : OneLineRecordParser<MountEvent>
{
    private const int NameWidth = 16;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly StringCache _values = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the TIME column, or the line's arrival without one.</summary>
    public MountTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("MNT_NS", StringComparison.Ordinal) && line.Contains("CALL", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override MountEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        // '.' matches anything but a newline, and '$' also matches before a last one (which a line never has).
        if (s.Length > 0 && s[^1] == '\n')
        {
            s = s[..^1];
        }
        if (s.Contains('\n') || !TryMatchRow(s, out var time, out var comm, out var ids, out var callStart))
        {
            return null;
        }
        var text = s[callStart..];
        var isMount = text[0] == 'm';
        if (!(isMount ? MountCallText.TryReadMount(text, out var call) : MountCallText.TryReadUmount(text, out call))
            || !int.TryParse(ids.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(ids.Tid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
            || !long.TryParse(ids.Namespace.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
            || !TryReadResult(call.Ret.In(text), out var result, out var error)
            || !_time.TryRead(s, time, out var timestamp))
        {
            return null;
        }
        return new MountEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(comm.In(s).TrimEnd(' ')),
            ProcessId = pid,
            ThreadId = tid,
            MountNamespace = ns,
            Call = isMount ? Records.MountCall.Mount : Records.MountCall.Umount,
            Source = isMount ? new string(call.Source.In(text)) : "",
            Target = new string(call.Target.In(text)),
            FileSystemType = isMount ? _values.Get(call.FileSystemType.In(text)) : "",
            Flags = _values.Get(call.Flags.In(text)),
            Data = isMount ? new string(call.Data.In(text)) : "",
            Result = result,
            Error = error,
        };
    }

    /// <summary>RET: "0", "-ENOENT" (the errno name), or a negative number for an errno the tool cannot name.</summary>
    private bool TryReadResult(ReadOnlySpan<char> text, out int result, out string? error)
    {
        error = null;
        if (text.StartsWith("-E", StringComparison.Ordinal))
        {
            error = _values.Get(text[1..]);
            // An errno name Errno does not know keeps its name; its number is then unknown, so -1 stands for it.
            result = Errno.TryNumber(error, out var number) ? -number : -1;
            return true;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
        {
            return false;
        }
        if (result < 0)
        {
            error = Errno.Name(-result);
        }
        return true;
    }

    private record struct Ids(Column Pid, Column Tid, Column Namespace);

    /// <summary>
    /// The row: a TIME column is tried first, with the spaces after it given back one at a time (a name may start
    /// with spaces), then the name at the line's start, as the row's expression tries them.
    /// </summary>
    private static bool TryMatchRow(ReadOnlySpan<char> s, out Column time, out Column comm, out Ids ids, out int callStart)
    {
        time = new Column(0, 8);
        if (TextScan.IsClock(s, 0)
            && PaddedName.TryFixedWidth<(Ids, int), AfterName>(s, TextScan.Spaces(s, 8), 9, [NameWidth], out comm, out var tail))
        {
            (ids, callStart) = tail;
            return true;
        }
        time = Column.Absent;
        var found = PaddedName.TryFixedWidth<(Ids, int), AfterName>(s, 0, 0, [NameWidth], out comm, out tail);
        (ids, callStart) = tail;
        return found;
    }

    /// <summary><c> (\d+) +(\d+) +(\d+) +(?=u?mount\()</c> from where the name ends: the ids and where the call starts.</summary>
    private readonly struct AfterName : ITailReader<(Ids, int)>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int i, out (Ids, int) tail)
        {
            tail = default;
            // Digits and spaces exclude each other, so each run is taken whole, as the expression's would be.
            if (i >= s.Length || s[i] != ' ')
            {
                return false;
            }
            var pidEnd = TextScan.Digits(s, i + 1);
            var tidEnd = TextScan.PaddedInteger(s, pidEnd, signed: false, out var tid);
            if (pidEnd == i + 1 || tidEnd < 0)
            {
                return false;
            }
            var nsEnd = TextScan.PaddedInteger(s, tid.End, signed: false, out var ns);
            if (nsEnd < 0 || !(s[nsEnd..].StartsWith("mount(", StringComparison.Ordinal) || s[nsEnd..].StartsWith("umount(", StringComparison.Ordinal)))
            {
                return false;
            }
            tail = (new Ids(new Column(i + 1, pidEnd), tid, ns), nsEnd);
            return true;
        }
    }
}
