using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads tcpretrans's text (bcc's Python tool; libbpf-tools' port prints the same columns):
/// TIME PID IP LADDR:LPORT T> RADDR:RPORT STATE, and an optional SEQ column (bcc's -s).
/// </summary>
/// <remarks>
/// The columns are padded, not fixed: an IPv6 address longer than the 20-character column pushes the rest right.
/// No field holds a space, so the line is read field by field, and the port is what follows an address's last colon.
/// </remarks>
public sealed partial class TcpRetransTextParser : OneLineRecordParser<TcpRetransmitEvent>
{
    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's HH:MM:SS column.</summary>
    public TcpRetransTextParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME", StringComparison.Ordinal) && line.Contains("LADDR:LPORT", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing retransmits", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override TcpRetransmitEvent? Read(string line)
    {
        var m = Row().Match(line);
        if (!m.Success || !IPAddress.TryParse(m.Groups["laddr"].ValueSpan, out _) || !IPAddress.TryParse(m.Groups["raddr"].ValueSpan, out _)
            || !int.TryParse(m.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !ushort.TryParse(m.Groups["lport"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var lport)
            || !ushort.TryParse(m.Groups["rport"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var rport))
        {
            return null;
        }
        return new TcpRetransmitEvent
        {
            Timestamp = WallClock.AtTimeOfDay(TimeSpan.ParseExact(m.Groups["time"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture), _clock.Now),
            ProcessId = pid,
            AddressFamily = m.Groups["ip"].Value == "4" ? TcpRetransOptions.IPv4 : TcpRetransOptions.IPv6,
            LocalAddress = m.Groups["laddr"].Value,
            LocalPort = lport,
            Kind = m.Groups["type"].Value == "L" ? TcpRetransmitKind.TailLossProbe : TcpRetransmitKind.Retransmit,
            RemoteAddress = m.Groups["raddr"].Value,
            RemotePort = rport,
            State = m.Groups["state"].Value,
        };
    }

    [GeneratedRegex(@"^(?<time>\d\d:\d\d:\d\d) +(?<pid>\d+) +(?<ip>[46]) +(?<laddr>\S+):(?<lport>\d+) +(?<type>[RL])> +(?<raddr>\S+):(?<rport>\d+) +(?<state>[A-Z][A-Z0-9_]*)(?: +\d+)? *$", RegexOptions.CultureInvariant)]
    private static partial Regex Row();
}
