using System.Globalization;
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
internal sealed class TcpRetransmitTextParser : OneLineRecordParser<TcpRetransmitEvent>
{
    private readonly TimeColumn _time;
    private readonly AddressCache _addresses = new();
    private readonly StringCache _states = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's HH:MM:SS column.</summary>
    public TcpRetransmitTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME", StringComparison.Ordinal) && line.Contains("LADDR:LPORT", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing retransmits", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override TcpRetransmitEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TryMatch(s, out var row)
            || !_addresses.TryGet(row.LocalAddress.In(s), out var localAddress, out _)
            || !_addresses.TryGet(row.RemoteAddress.In(s), out var remoteAddress, out _)
            || !int.TryParse(row.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !ushort.TryParse(row.LocalPort.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var localPort)
            || !ushort.TryParse(row.RemotePort.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var remotePort)
            || !_time.TryRead(s[..8], out var timestamp))
        {
            return null;
        }
        return new TcpRetransmitEvent
        {
            Timestamp = timestamp,
            ProcessId = pid,
            AddressFamily = s[row.Family] == '4' ? IPFamily.IPv4 : IPFamily.IPv6,
            LocalAddress = localAddress,
            LocalPort = localPort,
            Kind = s[row.Kind] == 'L' ? TcpRetransmitKind.TailLossProbe : TcpRetransmitKind.Retransmit,
            RemoteAddress = remoteAddress,
            RemotePort = remotePort,
            State = _states.Get(row.State.In(s)),
        };
    }

    private record struct Row(Column Pid, int Family, Column LocalAddress, Column LocalPort, int Kind, Column RemoteAddress, Column RemotePort, Column State);

    /// <summary>
    /// Matches the line as <c>^(\d\d:\d\d:\d\d) +(\d+) +([46]) +(\S+):(\d+) +([RL])&gt; +(\S+):(\d+) +([A-Z][A-Z0-9_]*)(?: +\d+)? *$</c> would.
    /// </summary>
    private static bool TryMatch(ReadOnlySpan<char> s, out Row row)
    {
        row = default;
        if (!TextScan.IsClock(s, 0))
        {
            return false;
        }
        var family = TextScan.PaddedInteger(s, 8, signed: false, out var pid);
        if (family < 0 || family + 1 >= s.Length || s[family] is not ('4' or '6') || s[family + 1] != ' ')
        {
            return false;
        }
        if (!TryEndpoint(s, TextScan.Spaces(s, family + 1), out var localAddress, out var localPort))
        {
            return false;
        }
        var kind = TextScan.Spaces(s, localPort.End);
        if (kind + 2 >= s.Length || s[kind] is not ('R' or 'L') || s[kind + 1] != '>' || s[kind + 2] != ' ')
        {
            return false;
        }
        if (!TryEndpoint(s, TextScan.Spaces(s, kind + 2), out var remoteAddress, out var remotePort))
        {
            return false;
        }
        var state = TextScan.Spaces(s, remotePort.End);
        if (state >= s.Length || !char.IsAsciiLetterUpper(s[state]))
        {
            return false;
        }
        var stateEnd = state + 1;
        while (stateEnd < s.Length && (char.IsAsciiLetterUpper(s[stateEnd]) || char.IsAsciiDigit(s[stateEnd]) || s[stateEnd] == '_'))
        {
            stateEnd++;
        }
        // bcc's -s adds the sequence number.
        var sequence = TextScan.Spaces(s, stateEnd);
        var rest = sequence > stateEnd ? TextScan.Digits(s, sequence) : stateEnd;
        if (!TextScan.OnlySpacesFrom(s, rest) && !TextScan.OnlySpacesFrom(s, stateEnd))
        {
            return false;
        }
        row = new Row(pid, family, localAddress, localPort, kind, remoteAddress, remotePort, new Column(state, stateEnd));
        return true;
    }

    /// <summary>"ADDRESS:PORT" then a space: the port follows the last colon of the field.</summary>
    private static bool TryEndpoint(ReadOnlySpan<char> s, int start, out Column address, out Column port)
    {
        address = port = default;
        var end = TextScan.NonWhiteSpace(s, start);
        var colon = s[start..end].LastIndexOf(':') + start;
        if (end >= s.Length || s[end] != ' ' || colon <= start || colon + 1 == end || TextScan.Digits(s, colon + 1) != end)
        {
            return false;
        }
        address = new Column(start, colon);
        port = new Column(colon + 1, end);
        return true;
    }
}
