using System.Globalization;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads opensnoop's text (libbpf-tools and bcc) run with -T (time), -U (UID) and -e (flags). libbpf-tools
/// prints HH:MM:SS, bcc seconds since its first event. The name is taken as the 16 characters printf pads it to,
/// so names with spaces parse; the path is the rest of the line.
/// </summary>
/// <remarks>
/// A path holding a newline spills onto the next line, which cannot be told from a broken line afterwards:
/// it is reported as unparsable rather than guessed. The bpftrace backend keeps such paths exact.
/// </remarks>
public sealed class OpenSnoopTextParser : OneLineRecordParser<OpenEvent>
{
    private const string Head = @"^(?:(?<clock>\d\d:\d\d:\d\d)|(?<secs>\d+\.\d+)) +(?:(?<uid>\d+) +)?(?<pid>\d+) +";
    private const string Tail = @" +(?<fd>-?\d+) +(?<err>\d+) (?:(?<flags>[0-7]{8}) (?:(?:[0-7]{4}|n/a) +)?)?(?<path>.*)$";

    private static readonly Regex Strict = new(Head + "(?<comm>.{16})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Loose = new(Head + "(?<comm>.+?)" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly TraceClock _clock;
    private DateTime? _firstEvent;

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public OpenSnoopTextParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("COMM", StringComparison.Ordinal) && line.Contains("PATH", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override OpenEvent? Read(string line)
    {
        var m = StrictOrLoose(Strict, Loose, line);
        if (!m.Success)
        {
            return null;
        }
        return new OpenEvent
        {
            Timestamp = Time(m),
            Uid = m.Groups["uid"].Success ? long.Parse(m.Groups["uid"].ValueSpan, CultureInfo.InvariantCulture) : -1,
            ProcessId = int.Parse(m.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture),
            ProcessName = m.Groups["comm"].Value.TrimEnd(' '),
            Fd = int.Parse(m.Groups["fd"].ValueSpan, CultureInfo.InvariantCulture),
            Errno = int.Parse(m.Groups["err"].ValueSpan, CultureInfo.InvariantCulture),
            Flags = m.Groups["flags"].Success ? Convert.ToInt32(m.Groups["flags"].Value, 8) : -1,
            Path = m.Groups["path"].Value,
        };
    }

    private DateTime Time(Match m)
    {
        var now = _clock.Now;
        if (m.Groups["clock"].Success)
        {
            return WallClock.AtTimeOfDay(TimeSpan.ParseExact(m.Groups["clock"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture), now);
        }
        // bcc counts seconds from its first event.
        _firstEvent ??= now;
        return _firstEvent.Value + TimeSpan.FromSeconds(double.Parse(m.Groups["secs"].ValueSpan, CultureInfo.InvariantCulture));
    }
}
