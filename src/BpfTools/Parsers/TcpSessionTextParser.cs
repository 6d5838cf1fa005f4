using System.Globalization;
using System.Net.Sockets;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads tcplife's text: libbpf-tools' (-T, -w or not) and bcc's (-T or -t, -w or not). libbpf-tools prints
/// the time of day under a "TIME(s)" header, bcc -T the time of day, bcc -t seconds since its first event.
/// bcc -w adds an IP column (4 or 6); without -w an IPv6 address overflows its column, which spaces still delimit.
/// </summary>
/// <remarks>
/// <para>
/// TX_KB and RX_KB are bytes / 1024: libbpf-tools prints two decimals (read back to within about 5 bytes),
/// bcc whole KB rounded down (read back as the lower bound). The name is first taken as the 16 (or bcc's 10)
/// characters printf pads it to, so names with spaces parse.
/// </para>
/// <para>
/// The line is matched as <c>^(?:(\d\d:\d\d:\d\d) +|(\d+\.\d+) +)?(\d+) +(.{16}|.{10}) (?:([46]) +)?([0-9A-Fa-f:.]+) +(\d{1,5})
/// +([0-9A-Fa-f:.]+) +(\d{1,5}) +(\d+(?:\.\d+)?) +(\d+(?:\.\d+)?) +(\d+(?:\.\d+)?) *$</c> would. When that fails, or its
/// addresses or ports do not read (a long IPv6 address), the name is taken as the shortest text followed by two
/// spaces or more that fits.
/// </para>
/// </remarks>
internal sealed class TcpSessionTextParser : OneLineRecordParser<TcpSessionEvent>
{
    private const int NameWidth = 16;
    private const int BccNameWidth = 10;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly AddressCache _addresses = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public TcpSessionTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("LADDR", StringComparison.Ordinal) && line.Contains("RPORT", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override TcpSessionEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        return TryMatch(s, loose: false, out var row) && TryRead(s, row, out var strict) ? strict
            : TryMatch(s, loose: true, out row) && TryRead(s, row, out var loose) ? loose
            : null;
    }

    private bool TryRead(ReadOnlySpan<char> s, in Row row, out TcpSessionEvent? record)
    {
        record = null;
        if (!_addresses.TryGet(row.LocalAddress.In(s), out var localAddress, out var localFamily)
            || !_addresses.TryGet(row.RemoteAddress.In(s), out var remoteAddress, out _)
            || !TextScan.TryPort(row.LocalPort.In(s), out var localPort)
            || !TextScan.TryPort(row.RemotePort.In(s), out var remotePort)
            || !int.TryParse(row.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !DecimalText.TryScaleRounded(row.TxKilobytes.In(s), 1024, out var txBytes)
            || !DecimalText.TryScaleRounded(row.RxKilobytes.In(s), 1024, out var rxBytes)
            || !DecimalText.TryScaleRounded(row.Milliseconds.In(s), TimeSpan.TicksPerMillisecond, out var durationTicks)
            // Without a time column the line is dated by its arrival: it is printed when the session closes.
            || !_time.TryRead(s, row.Time, out var timestamp))
        {
            return false;
        }
        record = new TcpSessionEvent
        {
            Timestamp = timestamp,
            ProcessId = pid,
            ProcessName = _names.Get(row.Name.In(s).TrimEnd(' ')),
            // bcc -w says 4 or 6; otherwise the address tells (an IPv4-mapped ::ffff:a.b.c.d is an IPv6 socket's).
            AddressFamily = row.Family.IsPresent ? (s[row.Family.Start] == '4' ? IPFamily.IPv4 : IPFamily.IPv6)
                : localFamily == AddressFamily.InterNetworkV6 ? IPFamily.IPv6 : IPFamily.IPv4,
            LocalAddress = localAddress,
            LocalPort = localPort,
            RemoteAddress = remoteAddress,
            RemotePort = remotePort,
            TxBytes = txBytes,
            RxBytes = rxBytes,
            Duration = TimeSpan.FromTicks(durationTicks),
        };
        return true;
    }

    private record struct Row(Column Time, Column Pid, Column Name, Column Family, Column LocalAddress, Column LocalPort,
        Column RemoteAddress, Column RemotePort, Column TxKilobytes, Column RxKilobytes, Column Milliseconds);

    private static bool TryMatch(ReadOnlySpan<char> s, bool loose, out Row row)
    {
        row = default;
        // The optional time: HH:MM:SS, or seconds, or none; each followed by spaces.
        var time = Column.Absent;
        var timeEnd = TextScan.IsClock(s, 0) ? 8 : TextScan.Decimal(s, 0, signed: false);
        var pid = 0;
        if (timeEnd > 0 && timeEnd < s.Length && s[timeEnd] == ' ')
        {
            time = new Column(0, timeEnd);
            pid = TextScan.Spaces(s, timeEnd);
        }
        var pidEnd = TextScan.Integer(s, pid, signed: false);
        if (pidEnd < 0 || pidEnd >= s.Length || s[pidEnd] != ' ')
        {
            return false;
        }
        var latestStart = TextScan.Spaces(s, pidEnd);
        var found = loose
            ? PaddedName.TryShortest<Row, AfterTwoSpaces>(s, latestStart, pidEnd + 1, out var name, out row)
            : PaddedName.TryFixedWidth<Row, AfterName>(s, latestStart, pidEnd + 1, [NameWidth, BccNameWidth], out name, out row);
        row = row with { Time = time, Pid = new Column(pid, pidEnd), Name = name };
        return found;
    }

    /// <summary>
    /// The columns after a loose name, which ends at two spaces or more: one space can be inside a name, and the
    /// tail's own space is the last of them.
    /// </summary>
    private readonly struct AfterTwoSpaces : ITailReader<Row>
    {
        public static bool TryRead(ReadOnlySpan<char> line, int at, out Row tail)
        {
            var next = TextScan.Spaces(line, at);
            if (next - at >= 2)
            {
                return AfterName.TryRead(line, next - 1, out tail);
            }
            tail = default;
            return false;
        }
    }

    /// <summary>" [IP +]LADDR +LPORT +RADDR +RPORT +TX_KB +RX_KB +MS *" from the name's end.</summary>
    private readonly struct AfterName : ITailReader<Row>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int nameEnd, out Row row)
        {
            row = default;
            if (nameEnd >= s.Length || s[nameEnd] != ' ')
            {
                return false;
            }
            var next = nameEnd + 1;
            // bcc -w's IP column, if the rest reads after it; else the address starts here.
            if (next + 1 < s.Length && s[next] is '4' or '6' && s[next + 1] == ' ' && TryAddresses(s, TextScan.Spaces(s, next + 1), out row))
            {
                row = row with { Family = new Column(next, next + 1) };
                return true;
            }
            if (TryAddresses(s, next, out row))
            {
                row = row with { Family = Column.Absent };
                return true;
            }
            return false;
        }
    }

    private static bool TryAddresses(ReadOnlySpan<char> s, int start, out Row row)
    {
        row = default;
        if (!TryField(s, start, AddressEnd(s, start), out var localAddress)
            || !TryField(s, localAddress.Next, PortEnd(s, localAddress.Next), out var localPort)
            || !TryField(s, localPort.Next, AddressEnd(s, localPort.Next), out var remoteAddress)
            || !TryField(s, remoteAddress.Next, PortEnd(s, remoteAddress.Next), out var remotePort)
            || !TryField(s, remotePort.Next, TextScan.WholeOrDecimal(s, remotePort.Next), out var tx)
            || !TryField(s, tx.Next, TextScan.WholeOrDecimal(s, tx.Next), out var rx))
        {
            return false;
        }
        var msEnd = TextScan.WholeOrDecimal(s, rx.Next);
        if (msEnd < 0 || !TextScan.OnlySpacesFrom(s, msEnd))
        {
            return false;
        }
        row = new Row(default, default, default, default, localAddress.Column, localPort.Column, remoteAddress.Column, remotePort.Column,
            tx.Column, rx.Column, new Column(rx.Next, msEnd));
        return true;
    }

    /// <summary>A column from <paramref name="start"/> to <paramref name="end"/> (-1: none), then spaces; Next is past them.</summary>
    private static bool TryField(ReadOnlySpan<char> s, int start, int end, out (Column Column, int Next) field)
    {
        field = default;
        if (end <= start || end >= s.Length || s[end] != ' ')
        {
            return false;
        }
        field = (new Column(start, end), TextScan.Spaces(s, end));
        return true;
    }

    // [0-9A-Fa-f:.]+
    private static int AddressEnd(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && (char.IsAsciiHexDigit(s[i]) || s[i] is ':' or '.'))
        {
            i++;
        }
        return i;
    }

    // \d{1,5}, which must end the run of digits (a space follows).
    private static int PortEnd(ReadOnlySpan<char> s, int i)
    {
        var end = TextScan.Digits(s, i);
        return end - i <= 5 ? end : i + 5;
    }
}
