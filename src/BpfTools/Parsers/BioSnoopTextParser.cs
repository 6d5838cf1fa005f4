using System.Globalization;
using System.Text.RegularExpressions;
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
public sealed class BioSnoopTextParser : OneLineRecordParser<DiskIoEvent>
{
    // The name is taken as the 14 characters printf cuts and pads it to, so names with spaces parse; an empty disk
    // name (old bcc, request without a disk) leaves its column blank.
    private const string Head = @"^(?<secs>\d+\.\d+) +";
    private const string Tail = @" +(?<pid>\d+) +(?:(?<disk>\S+) +)?(?<rwbs>[A-Za-z]+) +(?<sector>\d+) +(?<bytes>\d+) +(?:(?<que>-?\d+\.\d+) +)?(?<lat>-?\d+\.\d+) *$";

    private static readonly Regex Strict = new(Head + "(?<comm>.{14})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Loose = new(Head + "(?<comm>.+?)" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly TraceClock _clock;
    private DateTime? _firstEvent;

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public BioSnoopTextParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME(s)", StringComparison.Ordinal) && line.Contains("LAT(ms)", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override DiskIoEvent? Read(string line)
    {
        var m = StrictOrLoose(Strict, Loose, line);
        if (!m.Success || !TryNumbers(m, out var sector, out var bytes, out var latency, out var queued))
        {
            return null;
        }
        var rwbs = m.Groups["rwbs"].Value;
        return new DiskIoEvent
        {
            Timestamp = Time(m.Groups["secs"].ValueSpan),
            ProcessName = m.Groups["comm"].Value.TrimEnd(' '),
            ProcessId = int.Parse(m.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture),
            Disk = m.Groups["disk"].Value,
            Rwbs = rwbs,
            Operation = Records.Rwbs.Operation(rwbs),
            Sector = sector,
            Bytes = bytes,
            Latency = latency,
            QueueTime = queued,
        };
    }

    private static bool TryNumbers(Match m, out long sector, out long bytes, out TimeSpan latency, out TimeSpan queued)
    {
        latency = queued = TimeSpan.Zero;
        bytes = 0;
        if (!long.TryParse(m.Groups["sector"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out sector)
            || !long.TryParse(m.Groups["bytes"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out bytes)
            || !TryMilliseconds(m.Groups["lat"].ValueSpan, out latency))
        {
            return false;
        }
        // libbpf-tools prints a QUE of -1 for a request whose insertion it missed: no queue time known.
        return !m.Groups["que"].Success || TryMilliseconds(m.Groups["que"].ValueSpan, out queued);
    }

    // Decimal, not double: "0.74" ms is exactly 7400 ticks.
    private static bool TryMilliseconds(ReadOnlySpan<char> text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }
        if (ms > 0)
        {
            time = TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond));
        }
        return true;
    }

    private DateTime Time(ReadOnlySpan<char> seconds)
    {
        // biosnoop counts seconds from its first event.
        _firstEvent ??= _clock.Now;
        return _firstEvent.Value + TimeSpan.FromTicks((long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
    }
}
