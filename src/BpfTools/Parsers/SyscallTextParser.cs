using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads syscount's tables, the same layout in libbpf-tools and bcc: a banner ("Tracing syscalls, printing top
/// 10... Ctrl+C to quit."), then per window a "[HH:MM:SS]" line (when the table was printed: the window's end), a
/// header (<c>SYSCALL COUNT</c> or <c>PID COMM COUNT</c>, with -L a <c>TIME (us)</c> or <c>TIME (ms)</c> column),
/// rows (<c>"%-22s %8llu"</c> or <c>"%-6u %-15s %8llu"</c>, then <c>" %16.3lf"</c> with -L) and a blank line.
/// </summary>
/// <remarks>
/// Rows are read from the right, since both a syscall name ("[unknown: 335]") and a comm ("open with space") can
/// hold spaces; a comm's trailing spaces cannot be told from printf's padding and are lost. A window starts at the
/// banner (tracing started) or at the previous table. The header's unit is kept for the rows after it.
/// </remarks>
internal sealed class SyscallTextParser : IRecordParser<SyscallSummary>
{
    private readonly TraceClock _clock;
    private readonly bool _failedOnly;
    private DateTime _start;
    private DateTime _end;
    private bool _perProcess;
    private long _ticksPerUnit;

    /// <summary>Creates a parser.</summary>
    /// <param name="failedOnly">The run counted failed calls only (-x, -e): each count is also an error count.</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public SyscallTextParser(bool failedOnly, TraceClock? clock = null)
    {
        _failedOnly = failedOnly;
        _clock = clock ?? TraceClock.System;
        _start = _end = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public void Flush(List<SyscallSummary> output)
    {
        // Every row is complete on its own line.
    }

    /// <inheritdoc/>
    public LineKind Parse(string line, List<SyscallSummary> output)
    {
        Stats.CountLine();
        var s = line.AsSpan().TrimEnd();
        if (s.IsEmpty || s.SequenceEqual("Detaching..."))
        {
            return LineKind.Ignored;
        }
        if (s.StartsWith("Tracing syscalls"))
        {
            _start = _end = _clock.Now;
            return LineKind.Ready;
        }
        if (s.Length == 10 && s[0] == '[' && s[9] == ']' && TimeColumn.TryPlaceTimeOfDay(s[1..9], _clock.Now, out var printed))
        {
            _start = _end;
            _end = printed;
            return LineKind.Ignored;
        }
        if (ReadHeader(s))
        {
            return LineKind.Ready;
        }
        if (Read(s) is { } row)
        {
            Stats.CountRecord();
            output.Add(row);
            return LineKind.Record;
        }
        Stats.CountUnparsed(line);
        return LineKind.Unparsable;
    }

    /// <summary>A header sets the table's kind and unit: <c>^(SYSCALL|PID +COMM) +COUNT(?: +TIME \((us|ms)\))?$</c>.</summary>
    private bool ReadHeader(ReadOnlySpan<char> s)
    {
        var perProcess = s.StartsWith("PID ") && s.Contains(" COMM ", StringComparison.Ordinal);
        if (!perProcess && !s.StartsWith("SYSCALL "))
        {
            return false;
        }
        var countEnd = s.IndexOf(" COUNT", StringComparison.Ordinal) + 6;
        if (countEnd < 6)
        {
            return false;
        }
        var rest = s[countEnd..].Trim();
        long unit;
        if (rest.IsEmpty)
        {
            unit = 0;
        }
        else if (rest.SequenceEqual("TIME (us)"))
        {
            unit = TimeSpan.TicksPerMicrosecond;
        }
        else if (rest.SequenceEqual("TIME (ms)"))
        {
            unit = TimeSpan.TicksPerMillisecond;
        }
        else
        {
            return false;
        }
        _perProcess = perProcess;
        _ticksPerUnit = unit;
        return true;
    }

    /// <summary>A row, read from the right: <c>^(.+?) +(\d+)(?: +(\d+\.\d+))?$</c>, the name split as <c>^(\d+) +(.+)$</c> with -P.</summary>
    private SyscallSummary? Read(ReadOnlySpan<char> s)
    {
        TimeSpan? total = null;
        var end = s.Length;
        if (_ticksPerUnit > 0)
        {
            var timeStart = s.LastIndexOf(' ') + 1;
            if (timeStart == 0 || TextScan.Decimal(s, timeStart, signed: false) != s.Length
                || !DecimalText.TryScaleRounded(s[timeStart..], _ticksPerUnit, out var ticks))
            {
                return null;
            }
            total = TimeSpan.FromTicks(ticks);
            end = s[..timeStart].TrimEnd().Length;
        }
        var countStart = s[..end].LastIndexOf(' ') + 1;
        if (countStart == 0 || TextScan.Integer(s, countStart, signed: false) != end
            || !long.TryParse(s[countStart..end], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }
        var name = s[..countStart].TrimEnd();
        if (name.IsEmpty)
        {
            return null;
        }
        long? errors = _failedOnly ? count : null;
        if (!_perProcess)
        {
            return SyscallSummary.Create(_start, _end, name.ToString(), null, null, count, errors, total);
        }
        var pidEnd = TextScan.Integer(name, 0, signed: false);
        if (pidEnd < 0 || pidEnd >= name.Length || name[pidEnd] != ' '
            || !int.TryParse(name[..pidEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        var comm = name[TextScan.Spaces(name, pidEnd)..];
        return comm.IsEmpty ? null : SyscallSummary.Create(_start, _end, null, pid, comm.ToString(), count, errors, total);
    }
}
