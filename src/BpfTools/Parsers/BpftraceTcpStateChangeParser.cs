using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcpstates.bt: one tuple per state change,
/// ["tcpstate", skaddr, pid, comm, family, lport, rport, oldstate, newstate, delta_ns, nsecs, laddr, raddr].
/// </summary>
internal sealed class BpftraceTcpStateChangeParser : BpftraceTupleParser<TcpStateChangeEvent>
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpStateChangeParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<TcpStateChangeEvent> output)
    {
        if (!tuple.Is(0, "tcpstate") || tuple.Count != 13)
        {
            return LineKind.Unparsable;
        }
        IPFamily? family = tuple.Int32(4) switch
        {
            AfInet => IPFamily.IPv4,
            AfInet6 => IPFamily.IPv6,
            _ => null,
        };
        if (family is null)
        {
            return LineKind.Unparsable;
        }
        output.Add(new TcpStateChangeEvent
        {
            // The program prints the kernel address as a signed number: its bits are the address.
            Socket = unchecked((ulong)tuple.Int64(1)),
            ProcessId = tuple.Int32(2),
            ProcessName = tuple.String(3),
            AddressFamily = family.Value,
            LocalPort = tuple.UInt16(5),
            RemotePort = tuple.UInt16(6),
            OldState = (TcpState)tuple.Int32(7),
            NewState = (TcpState)tuple.Int32(8),
            TimeInOldState = TimeSpan.FromTicks(tuple.Int64(9) / 100),
            Timestamp = _clock.FromMonotonic(tuple.Int64(10)),
            LocalAddress = tuple.String(11),
            RemoteAddress = tuple.String(12),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<TcpStateChangeEvent> output)
    {
        // Every change is one tuple.
    }
}
