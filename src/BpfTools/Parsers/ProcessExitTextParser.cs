using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads exitsnoop's text (libbpf-tools with -t, or without a time column; bcc's Python tool, which prints the
/// same columns): [TIME] PCOMM PID PPID TID AGE(s) EXIT_CODE. The name is taken as the 16 characters printf pads
/// it to, so names with spaces parse; EXIT_CODE is free text to the end of the line: <c>0</c>, <c>code 3</c>,
/// <c>signal 9 (Killed)</c>, <c>signal 11 (Segmentation fault), core dumped</c> (bcc: <c>signal 2 (INT)</c>).
/// The signal's number is read, not its description, which libbpf-tools takes from strsignal().
/// </summary>
/// <remarks>
/// The line is matched as <c>^(?:(\d\d:\d\d:\d\d)(?:\.\d+)? +)?(.{16}) +(\d+) +(\d+) +(\d+) +(\d+\.\d+) +(0|code \d+|signal \d+ \([^)]*\)(?:, core dumped)?) *$</c>
/// would; when no 16-character name fits, the shortest name that does. The header says TIME(s) but libbpf-tools
/// prints the time of day.
/// </remarks>
internal sealed class ProcessExitTextParser : OneLineRecordParser<ProcessExitEvent>
{
    private const int NameWidth = 16;
    private const string CoreDumped = ", core dumped";

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column, or the line's arrival without one.</summary>
    public ProcessExitTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("PCOMM", StringComparison.Ordinal) && line.Contains("EXIT_CODE", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override ProcessExitEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        var time = Column.Absent;
        var nameStart = 0;
        if (TextScan.IsClock(s, 0))
        {
            // bcc's -t adds milliseconds; the time of day is placed by the line's arrival anyway.
            var timeEnd = s.Length > 8 && s[8] == '.' ? TextScan.Digits(s, 9) : 8;
            time = new Column(0, 8);
            nameStart = TextScan.Spaces(s, timeEnd);
            if (nameStart == timeEnd)
            {
                return null;
            }
        }
        if (!PaddedName.TryRead<Tail, AfterName>(s, nameStart, nameStart, [NameWidth], out var name, out var tail)
            || !int.TryParse(tail.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(tail.ParentPid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(tail.Tid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
            || !DecimalText.TryScaleTruncated(tail.Age.In(s), TimeSpan.TicksPerSecond, out var ageTicks)
            || !TryReadExit(tail.Exit.In(s), out var exitCode, out var signal, out var core)
            || !_time.TryRead(s, time, out var timestamp))
        {
            return null;
        }
        return new ProcessExitEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(name.In(s).TrimEnd(' ')),
            ProcessId = pid,
            ParentProcessId = ppid,
            ThreadId = tid,
            Age = TimeSpan.FromTicks(ageTicks),
            ExitCode = signal is null ? exitCode : null,
            Signal = signal is null ? null : SignalName.Of(signal.Value),
            CoreDumped = core,
        };
    }

    /// <summary>EXIT_CODE's text: an exit code, or a signal number and whether core was dumped.</summary>
    private static bool TryReadExit(ReadOnlySpan<char> text, out int exitCode, out int? signal, out bool core)
    {
        exitCode = 0;
        signal = null;
        core = text.EndsWith(CoreDumped, StringComparison.Ordinal);
        if (text is "0")
        {
            return true;
        }
        if (text.StartsWith("code "))
        {
            return int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out exitCode);
        }
        if (core)
        {
            text = text[..^CoreDumped.Length];
        }
        var number = text.StartsWith("signal ") ? TextScan.Integer(text, 7, signed: false) : -1;
        if (number < 0 || !text[number..].StartsWith(" (") || text[^1] != ')'
            || !int.TryParse(text[7..number], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        signal = value;
        return true;
    }

    private record struct Tail(Column Pid, Column ParentPid, Column Tid, Column Age, Column Exit);

    /// <summary>" +PID +PPID +TID +AGE +EXIT_CODE *$" from where the name ends.</summary>
    private readonly struct AfterName : ITailReader<Tail>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int i, out Tail tail)
        {
            tail = default;
            var pidEnd = TextScan.SpacedInteger(s, i, signed: false, out var pid);
            if (pidEnd < 0)
            {
                return false;
            }
            var ppidEnd = TextScan.SpacedInteger(s, pidEnd, signed: false, out var ppid);
            if (ppidEnd < 0)
            {
                return false;
            }
            var tidEnd = TextScan.SpacedInteger(s, ppidEnd, signed: false, out var tid);
            var age = tidEnd < 0 ? -1 : TextScan.Spaces(s, tidEnd);
            var ageEnd = age < 0 ? -1 : TextScan.Decimal(s, age, signed: false);
            var exit = ageEnd < 0 ? -1 : TextScan.Spaces(s, ageEnd);
            if (exit <= ageEnd || exit >= s.Length)
            {
                return false;
            }
            var exitEnd = s.Length;
            while (s[exitEnd - 1] == ' ')
            {
                exitEnd--;
            }
            // Checked here, not only after: a name holding digits must not end where the exit text cannot be read.
            if (!TryReadExit(s[exit..exitEnd], out _, out _, out _))
            {
                return false;
            }
            tail = new Tail(new Column(pid, pidEnd), new Column(ppid, ppidEnd), new Column(tid, tidEnd), new Column(age, ageEnd), new Column(exit, exitEnd));
            return true;
        }
    }
}
