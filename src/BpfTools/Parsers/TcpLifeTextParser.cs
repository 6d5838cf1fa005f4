using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads tcplife's text: libbpf-tools' (-T, -w or not) and bcc's (-T or -t, -w or not). libbpf-tools prints
/// the time of day under a "TIME(s)" header, bcc -T the time of day, bcc -t seconds since its first event.
/// bcc -w adds an IP column (4 or 6); without -w an IPv6 address overflows its column, which spaces still delimit.
/// </summary>
/// <remarks>
/// TX_KB and RX_KB are bytes / 1024: libbpf-tools prints two decimals (read back to within about 5 bytes),
/// bcc whole KB rounded down (read back as the lower bound). The name is first taken as the 16 (or bcc's 10)
/// characters printf pads it to, so names with spaces parse.
/// </remarks>
public sealed class TcpLifeTextParser : OneLineRecordParser<TcpSessionEvent>
{
    private const string Head = @"^(?:(?<clock>\d\d:\d\d:\d\d) +|(?<secs>\d+\.\d+) +)?(?<pid>\d+) +";
    private const string Tail =
        @" (?:(?<ip>[46]) +)?(?<laddr>[0-9A-Fa-f:.]+) +(?<lport>\d{1,5}) +(?<raddr>[0-9A-Fa-f:.]+) +(?<rport>\d{1,5})" +
        @" +(?<tx>\d+(?:\.\d+)?) +(?<rx>\d+(?:\.\d+)?) +(?<ms>\d+(?:\.\d+)?) *$";

    private static readonly Regex Strict = new(Head + "(?<comm>.{16}|.{10})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Loose = new(Head + "(?<comm>.+?) +" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly TraceClock _clock;
    private DateTime? _firstEvent;

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public TcpLifeTextParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("LADDR", StringComparison.Ordinal) && line.Contains("RPORT", StringComparison.Ordinal);

    /// <inheritdoc/>
    /// <remarks>The loose pattern is tried when the strict one matches but its fields do not read (a long IPv6 address).</remarks>
    protected override TcpSessionEvent? Read(string line) => Read(Strict.Match(line)) ?? Read(Loose.Match(line));

    private TcpSessionEvent? Read(Match m)
    {
        if (!m.Success
            || !IPAddress.TryParse(m.Groups["laddr"].ValueSpan, out var local)
            || !IPAddress.TryParse(m.Groups["raddr"].ValueSpan, out _)
            || Port(m.Groups["lport"]) is not { } localPort
            || Port(m.Groups["rport"]) is not { } remotePort)
        {
            return null;
        }
        return new TcpSessionEvent
        {
            Timestamp = Time(m),
            ProcessId = int.Parse(m.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture),
            ProcessName = m.Groups["comm"].Value.TrimEnd(' '),
            AddressFamily = Family(m.Groups["ip"], local),
            LocalAddress = m.Groups["laddr"].Value,
            LocalPort = localPort,
            RemoteAddress = m.Groups["raddr"].Value,
            RemotePort = remotePort,
            TxBytes = Bytes(m.Groups["tx"]),
            RxBytes = Bytes(m.Groups["rx"]),
            Duration = TimeSpan.FromTicks((long)Math.Round(decimal.Parse(m.Groups["ms"].ValueSpan, CultureInfo.InvariantCulture) * TimeSpan.TicksPerMillisecond)),
        };
    }

    private static int? Port(Group group)
    {
        var port = int.Parse(group.ValueSpan, CultureInfo.InvariantCulture);
        return port <= ushort.MaxValue ? port : null;
    }

    // bcc -w says 4 or 6; otherwise the address tells (an IPv4-mapped ::ffff:a.b.c.d is an IPv6 socket's).
    private static string Family(Group ip, IPAddress local) =>
        ip.Success ? (ip.ValueSpan[0] == '4' ? "IPv4" : "IPv6")
        : local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    private static long Bytes(Group kilobytes) =>
        (long)Math.Round(decimal.Parse(kilobytes.ValueSpan, CultureInfo.InvariantCulture) * 1024);

    private DateTime Time(Match m)
    {
        var now = _clock.Now;
        if (m.Groups["clock"].Success)
        {
            return WallClock.AtTimeOfDay(TimeSpan.ParseExact(m.Groups["clock"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture), now);
        }
        if (m.Groups["secs"].Success)
        {
            // bcc -t counts seconds from its first event.
            _firstEvent ??= now;
            return _firstEvent.Value + TimeSpan.FromSeconds(double.Parse(m.Groups["secs"].ValueSpan, CultureInfo.InvariantCulture));
        }
        // Printed when the session closed: its arrival is the best time there is.
        return now;
    }
}
