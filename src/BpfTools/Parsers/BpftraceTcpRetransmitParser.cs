using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcpretrans.bt, one tuple per retransmit:
/// ["retrans", pid, family, sport, dport, state, nsecs, saddr, daddr].
/// </summary>
internal sealed class BpftraceTcpRetransmitParser : BpftraceTupleParser<TcpRetransmitEvent>
{
    private const int AfInet = 2, AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpRetransmitParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<TcpRetransmitEvent> output)
    {
        if (!tuple.Is(0, "retrans") || tuple.Count != 9)
        {
            return LineKind.Unparsable;
        }
        IPFamily? family = tuple.Int32(2) switch
        {
            AfInet => IPFamily.IPv4,
            AfInet6 => IPFamily.IPv6,
            _ => null,
        };
        if (family is null)
        {
            return LineKind.Unparsable;
        }
        output.Add(new TcpRetransmitEvent
        {
            ProcessId = tuple.Int32(1),
            AddressFamily = family.Value,
            LocalPort = tuple.UInt16(3),
            RemotePort = tuple.UInt16(4),
            State = TcpStateNames.Of(tuple.Int64(5)),
            Timestamp = _clock.FromMonotonic(tuple.Int64(6)),
            LocalAddress = tuple.String(7),
            RemoteAddress = tuple.String(8),
            // The tracepoint sees retransmits only; tail loss probes need bcc's kprobe.
            Kind = TcpRetransmitKind.Retransmit,
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<TcpRetransmitEvent> output)
    {
        // Every record is one tuple.
    }
}
