using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcpconnect.bt: one tuple per connection established,
/// ["tcpconnect", direction, pid, comm, family, lport, rport, latency_ns, nsecs, laddr, raddr],
/// with pid and latency_ns -1 where the program cannot know them.
/// </summary>
internal sealed class BpftraceTcpConnectParser : BpftraceTupleParser<TcpConnectEvent>
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpConnectParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<TcpConnectEvent> output)
    {
        if (!tuple.Is(0, "tcpconnect") || tuple.Count != 11)
        {
            return LineKind.Unparsable;
        }
        IPFamily? family = tuple.Int32(4) switch
        {
            AfInet => IPFamily.IPv4,
            AfInet6 => IPFamily.IPv6,
            _ => null,
        };
        var direction = (TcpDirection)tuple.Int32(1);
        if (family is null || direction is not (TcpDirection.Outbound or TcpDirection.Inbound))
        {
            return LineKind.Unparsable;
        }
        var pid = tuple.Int32(2);
        var latency = tuple.Int64(7);
        output.Add(new TcpConnectEvent
        {
            Direction = direction,
            ProcessId = pid < 0 ? null : pid,
            ProcessName = pid < 0 ? null : tuple.String(3),
            AddressFamily = family.Value,
            LocalPort = tuple.UInt16(5),
            RemotePort = tuple.UInt16(6),
            Latency = latency < 0 ? null : TimeSpan.FromTicks(latency / 100),
            Timestamp = _clock.FromMonotonic(tuple.Int64(8)),
            LocalAddress = tuple.String(9),
            RemoteAddress = tuple.String(10),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<TcpConnectEvent> output)
    {
        // Every connection is one tuple.
    }
}
