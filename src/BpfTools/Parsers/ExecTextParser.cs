using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the text of execsnoop (libbpf-tools and bcc's Python tool) run with -t (seconds since start),
/// optionally -U (a UID column) and -q (quoted arguments). The header line says which columns exist.
/// </summary>
/// <remarks>
/// The columns are printf'd back to back: "%-8.3f" seconds, "%-6d" UID, "%-16s" command name, then PID,
/// PPID, RET and the arguments. A UID of six digits or more runs into the name, and a name may hold spaces,
/// so the name is taken as the 16 characters before " PID"; when that does not fit (a name wider than 16
/// characters, e.g. multi-byte), a looser match is tried before the line counts as unparsable
/// (see <see cref="ExecRow"/>).
/// </remarks>
internal sealed class ExecTextParser : IRecordParser<ExecEvent>
{
    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private bool _hasUid = true;
    private Pending? _pending;

    /// <summary>Creates a parser; <paramref name="clock"/> anchors the tool's relative timestamps.</summary>
    public ExecTextParser(TraceClock? clock = null)
    {
        _time = new TimeColumn(clock ?? TraceClock.System);
        _time.StartNow();
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<ExecEvent> output)
    {
        Stats.CountLine();
        var isRow = ExecRow.TryMatch(line, _hasUid, out var row);
        if (_pending is { } pending)
        {
            if (!isRow)
            {
                // The tool printed a raw newline inside a quoted argument: the line continues it.
                return Complete(pending.Row, pending.ArgsText + "\n" + line, 0, output);
            }
            // A new row while a quote was open: the earlier row was cut short. Keep it, marked truncated.
            _pending = null;
            Emit(pending.Row, pending.ArgsText, 0, truncated: true, output);
        }

        // Only a line that is not a row can be the header: arguments can hold its words (grep PCOMM ARGS).
        if (!isRow && line.Contains("PCOMM", StringComparison.Ordinal) && line.Contains("ARGS", StringComparison.Ordinal))
        {
            // The header is printed right after the probes attach, next to the tool's own time zero.
            _hasUid = line.Contains("UID", StringComparison.Ordinal);
            _time.StartNow();
            return LineKind.Ready;
        }
        if (line.Length == 0)
        {
            return LineKind.Ignored;
        }
        if (!isRow || !TryRead(line, row, out var fields))
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        return Complete(fields, line, row.Arguments.Start, output);
    }

    /// <inheritdoc/>
    public void Flush(List<ExecEvent> output)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            Emit(pending.Row, pending.ArgsText, 0, truncated: true, output);
        }
    }

    private bool TryRead(ReadOnlySpan<char> s, in ExecRow row, out Fields fields)
    {
        fields = default;
        var ppid = 0;
        var uid = -1L;
        if ((row.Uid.IsPresent && !TextScan.TryUnsignedLong(row.Uid.In(s), out uid))
            || !TextScan.TryUnsigned(row.Pid.In(s), out var pid)
            || (s[row.ParentPid.Start] != '?' && !TextScan.TryUnsigned(row.ParentPid.In(s), out ppid))
            || !TextScan.TrySigned(row.Ret.In(s), out var ret)
            || !_time.TryRead(row.Seconds.In(s), out var time))
        {
            return false;
        }
        fields = new Fields(time, uid, _names.Get(row.Name.In(s).TrimEnd(' ')), pid, ppid, ret);
        return true;
    }

    /// <param name="row">The row's columns but the arguments.</param>
    /// <param name="text">The text whose end, from <paramref name="start"/> on, is the arguments as printed.</param>
    /// <param name="start">Where they start.</param>
    /// <param name="output">Where the record goes.</param>
    private LineKind Complete(in Fields row, string text, int start, List<ExecEvent> output)
    {
        // Only whether the list is whole is needed now; the arguments are decoded when first read.
        var outcome = QuotedArguments.Scan(text.AsSpan(start));
        if (outcome == QuotedArguments.Outcome.OpenQuote)
        {
            _pending = new Pending(row, text[start..]);
            return LineKind.Pending;
        }
        _pending = null;
        Emit(row, text, start, outcome == QuotedArguments.Outcome.Truncated, output);
        return LineKind.Record;
    }

    /// <summary>Adds the record of <paramref name="row"/> with the arguments printed in <paramref name="text"/> from <paramref name="start"/> on.</summary>
    private void Emit(in Fields row, string text, int start, bool truncated, List<ExecEvent> output)
    {
        Stats.CountRecord();
        output.Add(new ExecEvent
        {
            Timestamp = row.Time,
            Uid = row.Uid,
            ProcessName = row.Name,
            ProcessId = row.Pid,
            ParentProcessId = row.Ppid,
            Ret = row.Ret,
            Arguments = text.AsSpan(start).TrimEnd(' ').IsEmpty
                ? CommandArguments.None
                : CommandArguments.Deferred(new PrintedArguments(text, start)),
            Truncated = truncated,
        });
    }

    private readonly record struct Fields(DateTime Time, long Uid, string Name, int Pid, int Ppid, int Ret);

    /// <summary>A row whose quoted arguments continue on the next lines.</summary>
    private sealed record Pending(Fields Row, string ArgsText);
}
