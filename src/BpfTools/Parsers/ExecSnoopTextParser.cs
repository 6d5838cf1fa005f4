using System.Globalization;
using System.Text.RegularExpressions;
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
/// characters, e.g. multi-byte), a looser pattern is tried before the line counts as unparsable.
/// </remarks>
public sealed class ExecSnoopTextParser : IRecordParser<ExecEvent>
{
    private const string Tail = @" (?<pid>\d+)\s+(?<ppid>\d+|\?)\s+(?<ret>-?\d+) (?<args>.*)$";
    private const string Seconds = @"(?<secs>\d+\.\d{3})\s*";

    private static readonly Regex WithUid = new("^" + Seconds + @"(?<uid>\d+?)\s*(?<comm>.{16})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex WithoutUid = new("^" + Seconds + @"(?<comm>.{16})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex LooseWithUid = new("^" + Seconds + @"(?<uid>\d+)\s+(?<comm>.+?)\s" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex LooseWithoutUid = new("^" + Seconds + @"(?<comm>.+?)\s" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly TraceClock _clock;
    private readonly List<string> _args = [];
    private bool _hasUid = true;
    private DateTime _start;
    private Pending? _pending;

    /// <summary>Creates a parser; <paramref name="clock"/> anchors the tool's relative timestamps.</summary>
    public ExecSnoopTextParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<ExecEvent> output)
    {
        Stats.CountLine();
        if (_pending is { } pending)
        {
            if (!LooksLikeRow(line))
            {
                // The tool printed a raw newline inside a quoted argument: the line continues it.
                return Complete(pending with { ArgsText = pending.ArgsText + "\n" + line }, output);
            }
            // A new row while a quote was open: the earlier row was cut short. Keep it, marked truncated.
            Emit(pending, truncated: true, output);
            _pending = null;
        }

        if (line.Contains("PCOMM", StringComparison.Ordinal) && line.Contains("ARGS", StringComparison.Ordinal))
        {
            // The header is printed right after the probes attach, next to the tool's own time zero.
            _hasUid = line.Contains("UID", StringComparison.Ordinal);
            _start = _clock.Now;
            return LineKind.Ready;
        }
        if (line.Length == 0)
        {
            return LineKind.Ignored;
        }

        var match = Match(line);
        if (match is null)
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        return Complete(ToPending(match), output);
    }

    /// <inheritdoc/>
    public void Flush(List<ExecEvent> output)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            Emit(pending, truncated: true, output);
        }
    }

    private Match? Match(string line)
    {
        var strict = (_hasUid ? WithUid : WithoutUid).Match(line);
        if (strict.Success)
        {
            return strict;
        }
        var loose = (_hasUid ? LooseWithUid : LooseWithoutUid).Match(line);
        return loose.Success ? loose : null;
    }

    private bool LooksLikeRow(string line) => Match(line) is not null;

    private Pending ToPending(Match m)
    {
        var ppid = m.Groups["ppid"].Value;
        return new Pending(
            Time: _start + TimeSpan.FromSeconds(double.Parse(m.Groups["secs"].ValueSpan, CultureInfo.InvariantCulture)),
            Uid: m.Groups["uid"].Success ? long.Parse(m.Groups["uid"].ValueSpan, CultureInfo.InvariantCulture) : -1,
            Name: m.Groups["comm"].Value.TrimEnd(' '),
            Pid: int.Parse(m.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture),
            Ppid: ppid == "?" ? 0 : int.Parse(ppid, CultureInfo.InvariantCulture),
            Ret: int.Parse(m.Groups["ret"].ValueSpan, CultureInfo.InvariantCulture),
            ArgsText: m.Groups["args"].Value);
    }

    private LineKind Complete(Pending row, List<ExecEvent> output)
    {
        var outcome = QuotedArguments.Decode(row.ArgsText, _args);
        if (outcome == QuotedArguments.Outcome.OpenQuote)
        {
            _pending = row;
            return LineKind.Pending;
        }
        _pending = null;
        Emit(row, outcome == QuotedArguments.Outcome.Truncated, output);
        return LineKind.Record;
    }

    private void Emit(Pending row, bool truncated, List<ExecEvent> output)
    {
        QuotedArguments.Decode(row.ArgsText, _args);
        Stats.CountRecord();
        output.Add(new ExecEvent
        {
            Timestamp = row.Time,
            Uid = row.Uid,
            ProcessName = row.Name,
            ProcessId = row.Pid,
            ParentProcessId = row.Ppid,
            Ret = row.Ret,
            Arguments = [.. _args],
            Truncated = truncated,
        });
    }

    private sealed record Pending(DateTime Time, long Uid, string Name, int Pid, int Ppid, int Ret, string ArgsText);
}
