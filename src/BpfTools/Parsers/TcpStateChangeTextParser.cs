using System.Net.Sockets;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads tcpstates' text, libbpf-tools' and bcc's: <c>[TIME ]SKADDR PID COMM [IP ]LADDR LPORT RADDR RPORT OLDSTATE -> NEWSTATE MS</c>.
/// TIME is the time of day (-T) or, with bcc's -t, seconds since its first event; IP (4 or 6) comes with -w.
/// </summary>
/// <remarks>
/// <para>
/// The columns after the name hold no spaces, but their widths cannot be trusted: an IPv4-mapped address
/// (::ffff:127.0.0.1) overflows the narrow 15-character address column and shifts the rest of the row. So the
/// line is read from both ends: the time, socket and PID from the left, the eight address and state columns
/// from the right, and the name is what lies between (it may hold spaces; trailing padding is dropped).
/// </para>
/// <para>
/// Whether an IP column is there is known from the header (" IP "); without a header, a lone 4 or 6 before the
/// local address is taken for it when it agrees with the address.
/// </para>
/// </remarks>
internal sealed class TcpStateChangeTextParser : OneLineRecordParser<TcpStateChangeEvent>
{
    private const int TailColumnCount = 8;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly AddressCache _addresses = new();
    private bool? _familyColumn;

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public TcpStateChangeTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line)
    {
        if (!line.Contains("SKADDR", StringComparison.Ordinal) || !line.Contains("NEWSTATE", StringComparison.Ordinal))
        {
            return false;
        }
        _familyColumn = line.Contains(" IP ", StringComparison.Ordinal);
        return true;
    }

    /// <inheritdoc/>
    protected override TcpStateChangeEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line.TrimEnd(' ');
        // From the right: MS, NEWSTATE, "->", OLDSTATE, RPORT, RADDR, LPORT, LADDR.
        var tail = default(TailColumns);
        var end = s.Length;
        for (var i = 0; i < TailColumnCount; i++)
        {
            if (!TextScan.TryTokenBefore(s, end, out tail[i]))
            {
                return null;
            }
            end = tail[i].Start;
        }
        if (!s[tail[2].Start..tail[2].End].SequenceEqual("->")
            || !TryReadHead(s, out var time, out var socket, out var pid, out var nameStart)
            || !_addresses.TryGet(tail[7].In(s), out var localAddress, out var localFamily)
            || !_addresses.TryGet(tail[5].In(s), out var remoteAddress, out _)
            || !TextScan.TryPort(tail[6].In(s), out var localPort)
            || !TextScan.TryPort(tail[4].In(s), out var remotePort)
            || !TcpStateNames.TryRead(tail[3].In(s), out var oldState)
            || !TcpStateNames.TryRead(tail[1].In(s), out var newState)
            || !DecimalText.TryScaleRounded(tail[0].In(s), TimeSpan.TicksPerMillisecond, out var inOldState)
            || !_time.TryRead(s, time, out var timestamp))
        {
            return null;
        }
        var family = localFamily == AddressFamily.InterNetworkV6 ? IPFamily.IPv6 : IPFamily.IPv4;
        var nameEnd = tail[7].Start;
        if (TryFamilyColumn(s, nameStart, nameEnd, family, out var familyColumn))
        {
            family = s[familyColumn.Start] == '4' ? IPFamily.IPv4 : IPFamily.IPv6;
            nameEnd = familyColumn.Start;
        }
        var name = s[Math.Min(nameStart, nameEnd)..nameEnd].TrimEnd(' ');
        if (name.IsEmpty)
        {
            return null;
        }
        return new TcpStateChangeEvent
        {
            Timestamp = timestamp,
            Socket = socket,
            ProcessId = pid,
            ProcessName = _names.Get(name),
            AddressFamily = family,
            LocalAddress = localAddress,
            LocalPort = localPort,
            RemoteAddress = remoteAddress,
            RemotePort = remotePort,
            OldState = oldState,
            NewState = newState,
            TimeInOldState = TimeSpan.FromTicks(inOldState),
        };
    }

    // "[TIME +]SKADDR +PID +" from the left: the time of day or seconds, the socket in hex, the PID.
    private static bool TryReadHead(ReadOnlySpan<char> s, out Column time, out ulong socket, out int pid, out int nameStart)
    {
        (time, socket, pid, nameStart) = (Column.Absent, 0, 0, 0);
        var timeEnd = TextScan.IsClock(s, 0) ? 8 : TextScan.Decimal(s, 0, signed: false);
        var at = 0;
        if (timeEnd > 0 && timeEnd < s.Length && s[timeEnd] == ' ')
        {
            time = new Column(0, timeEnd);
            at = TextScan.Spaces(s, timeEnd);
        }
        // Up to 16 hex digits and a space: the socket, read in one pass. Anything else takes the general path
        // (the column to the next white space, read as ulong.TryParse would), which gives the same answer.
        var socketEnd = at;
        while (socketEnd < s.Length && socketEnd - at < 16 && TextScan.HexDigit(s[socketEnd]) is var digit and >= 0)
        {
            socket = (socket << 4) | (uint)digit;
            socketEnd++;
        }
        if (socketEnd == at || socketEnd == s.Length || s[socketEnd] != ' ')
        {
            socketEnd = TextScan.NonWhiteSpace(s, at);
            if (socketEnd == at || socketEnd >= s.Length || !TextScan.TryHex(s[at..socketEnd], out socket))
            {
                return false;
            }
        }
        var pidStart = TextScan.Spaces(s, socketEnd);
        var pidEnd = TextScan.Integer(s, pidStart, signed: false);
        if (pidStart == socketEnd || pidEnd < 0 || pidEnd >= s.Length || s[pidEnd] != ' '
            || !TextScan.TryUnsigned(s[pidStart..pidEnd], out pid))
        {
            return false;
        }
        nameStart = TextScan.Spaces(s, pidEnd);
        return true;
    }

    // The IP column: as the header said, or (no header seen) a lone 4 or 6 that agrees with the local address.
    private bool TryFamilyColumn(ReadOnlySpan<char> s, int nameStart, int nameEnd, IPFamily family, out Column column)
    {
        column = default;
        if (_familyColumn == false || !TextScan.TryTokenBefore(s, nameEnd, out column) || column.Start <= nameStart
            || column.End - column.Start != 1 || s[column.Start] is not ('4' or '6'))
        {
            return false;
        }
        return _familyColumn == true || (s[column.Start] == '4') == (family == IPFamily.IPv4);
    }

    /// <summary>The eight columns read from the right, in place (no stack allocation to clear).</summary>
    [System.Runtime.CompilerServices.InlineArray(TailColumnCount)]
    private struct TailColumns
    {
        private Column _first;
    }
}
