using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the text of tcpconnect, tcpaccept and tcpconnlat (libbpf-tools' and bcc's, which print alike):
/// <c>[TIME(s) ][UID ]PID COMM IP ADDR [PORT] ADDR PORT [LAT(ms)]</c>, the columns as the header names them.
/// </summary>
/// <remarks>
/// <para>
/// Which columns a row has depends on the tool, its version and its flags (-t, -U, -L; old bcc tcpaccept has no
/// RPORT), so the header, which every one of them prints before its first row, gives the layout; rows before
/// it cannot be read.
/// </para>
/// <para>
/// COMM (12 characters at most) may hold spaces, and a long IPv6 address overflows its 16-character column and
/// shifts the rest of the row. No other column holds a space: the columns before COMM are read from the left,
/// those after it from the right, and the name is what lies between.
/// </para>
/// </remarks>
internal sealed class TcpConnectTextParser : OneLineRecordParser<TcpConnectEvent>
{
    private enum Field { Time, Uid, Pid, Family, LocalAddress, LocalPort, RemoteAddress, RemotePort, Latency, Unknown }

    private const int MaxTail = 8;

    private readonly TcpDirection _direction;
    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly AddressCache _addresses = new();
    private Field[] _head = [];
    private Field[] _tail = [];
    private string? _header;

    /// <summary>Creates a parser of one tool's rows, all of <paramref name="direction"/>; <paramref name="clock"/> dates them.</summary>
    public TcpConnectTextParser(TcpDirection direction, TraceClock? clock = null)
    {
        _direction = direction;
        _time = new TimeColumn(clock ?? TraceClock.System);
    }

    /// <inheritdoc/>
    protected override bool IsHeader(string line)
    {
        // The same header again (the tool restarted, a replay) keeps its layout, read once.
        if (line == _header)
        {
            return true;
        }
        var names = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var comm = Array.IndexOf(names, "COMM");
        if (comm < 1 || names[comm - 1] != "PID" || !names.Contains("IP") || names.Length - comm - 1 > MaxTail)
        {
            return false;
        }
        _head = [.. names[..comm].Select(Name)];
        _tail = [.. names[(comm + 1)..].Select(Name)];
        var known = !_head.Contains(Field.Unknown) && !_tail.Contains(Field.Unknown);
        _header = known ? line : null;
        return known;
    }

    /// <inheritdoc/>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing", StringComparison.Ordinal);

    // The tools' column names: tcpconnect's SADDR is the local end, tcpaccept's RADDR the remote one.
    private static Field Name(string name) => name switch
    {
        "TIME(s)" or "TIME" => Field.Time,
        "UID" => Field.Uid,
        "PID" => Field.Pid,
        "IP" => Field.Family,
        "SADDR" or "LADDR" => Field.LocalAddress,
        "LPORT" => Field.LocalPort,
        "DADDR" or "RADDR" => Field.RemoteAddress,
        "DPORT" or "RPORT" => Field.RemotePort,
        "LAT(ms)" => Field.Latency,
        _ => Field.Unknown,
    };

    /// <inheritdoc/>
    protected override TcpConnectEvent? Read(ReadOnlySpan<char> line)
    {
        if (_tail.Length == 0)
        {
            return null;
        }
        var s = line.TrimEnd(' ');
        var row = new Row();
        var end = s.Length;
        for (var i = _tail.Length - 1; i >= 0; i--)
        {
            if (!TextScan.TryTokenBefore(s, end, out var token) || !row.TrySet(_tail[i], token.In(s), this))
            {
                return null;
            }
            end = token.Start;
        }
        var time = Column.Absent;
        var at = 0;
        foreach (var field in _head)
        {
            var tokenEnd = TextScan.NonWhiteSpace(s, at);
            if (tokenEnd == at || tokenEnd >= end || s[tokenEnd] != ' ')
            {
                return null;
            }
            if (field == Field.Time)
            {
                time = new Column(at, tokenEnd);
            }
            else if (!row.TrySet(field, s[at..tokenEnd], this))
            {
                return null;
            }
            at = TextScan.Spaces(s, tokenEnd);
        }
        var name = at < end ? s[at..end].TrimEnd(' ') : [];
        if (name.IsEmpty || row.Pid is null || row.Family is null || row.LocalAddress is null || row.RemoteAddress is null
            || !_time.TryRead(s, time, out var timestamp))
        {
            return null;
        }
        return new TcpConnectEvent
        {
            Timestamp = timestamp,
            Direction = _direction,
            ProcessId = row.Pid,
            ProcessName = _names.Get(name),
            Uid = row.Uid,
            AddressFamily = row.Family.Value,
            LocalAddress = row.LocalAddress,
            LocalPort = row.LocalPort,
            RemoteAddress = row.RemoteAddress,
            RemotePort = row.RemotePort,
            Latency = row.Latency,
        };
    }

    /// <summary>The values of one row, as its columns are read.</summary>
    private struct Row
    {
        public int? Pid;
        public long Uid;
        public IPFamily? Family;
        public string? LocalAddress;
        public int? LocalPort;
        public string? RemoteAddress;
        public int? RemotePort;
        public TimeSpan? Latency;

        public Row() => Uid = -1;

        public bool TrySet(Field field, ReadOnlySpan<char> text, TcpConnectTextParser parser)
        {
            switch (field)
            {
                case Field.Pid when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid):
                    Pid = pid;
                    return true;
                case Field.Uid when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uid):
                    Uid = uid;
                    return true;
                case Field.Family when text is "4" or "6":
                    Family = text[0] == '4' ? IPFamily.IPv4 : IPFamily.IPv6;
                    return true;
                case Field.LocalAddress when parser._addresses.TryGet(text, out var local, out _):
                    LocalAddress = local;
                    return true;
                case Field.RemoteAddress when parser._addresses.TryGet(text, out var remote, out _):
                    RemoteAddress = remote;
                    return true;
                case Field.LocalPort when TextScan.TryPort(text, out var localPort):
                    LocalPort = localPort;
                    return true;
                case Field.RemotePort when TextScan.TryPort(text, out var remotePort):
                    RemotePort = remotePort;
                    return true;
                case Field.Latency when DecimalText.TryScaleRounded(text, TimeSpan.TicksPerMillisecond, out var ticks):
                    Latency = TimeSpan.FromTicks(ticks);
                    return true;
                default:
                    return false;
            }
        }
    }
}
