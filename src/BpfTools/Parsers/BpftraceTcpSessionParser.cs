using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcplife.bt: one tuple per closed session,
/// ["tcp", pid, comm, family, laddr, lport, raddr, rport, tx_bytes, rx_bytes, span_ns, nsecs].
/// </summary>
internal sealed class BpftraceTcpSessionParser : BpftraceTupleParser<TcpSessionEvent>
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpSessionParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<TcpSessionEvent> output)
    {
        if (!tuple.Is(0, "tcp") || tuple.Count != 12)
        {
            return LineKind.Unparsable;
        }
        IPFamily? family = tuple.Int32(3) switch
        {
            AfInet => IPFamily.IPv4,
            AfInet6 => IPFamily.IPv6,
            _ => null,
        };
        if (family is null)
        {
            return LineKind.Unparsable;
        }
        output.Add(new TcpSessionEvent
        {
            ProcessId = tuple.Int32(1),
            ProcessName = tuple.String(2),
            AddressFamily = family.Value,
            LocalAddress = tuple.String(4),
            LocalPort = tuple.Int32(5),
            RemoteAddress = tuple.String(6),
            RemotePort = tuple.Int32(7),
            TxBytes = tuple.Int64(8),
            RxBytes = tuple.Int64(9),
            Duration = TimeSpan.FromTicks(tuple.Int64(10) / 100),
            Timestamp = _clock.FromMonotonic(tuple.Int64(11)),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<TcpSessionEvent> output)
    {
        // Every session is one tuple.
    }
}
