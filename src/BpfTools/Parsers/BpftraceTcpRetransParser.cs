using System.Text.Json;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcpretrans.bt, one tuple per retransmit:
/// ["retrans", pid, family, sport, dport, state, nsecs, saddr, daddr].
/// </summary>
public sealed class BpftraceTcpRetransParser : BpftraceTupleParser<TcpRetransmitEvent>
{
    private const int AfInet = 2, AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpRetransParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(JsonElement tuple, List<TcpRetransmitEvent> output)
    {
        if (tuple[0].GetString() != "retrans" || tuple.GetArrayLength() != 9)
        {
            return LineKind.Unparsable;
        }
        var family = tuple[2].GetInt32() switch
        {
            AfInet => TcpRetransOptions.IPv4,
            AfInet6 => TcpRetransOptions.IPv6,
            _ => null,
        };
        if (family is null)
        {
            return LineKind.Unparsable;
        }
        output.Add(new TcpRetransmitEvent
        {
            ProcessId = tuple[1].GetInt32(),
            AddressFamily = family,
            LocalPort = tuple[3].GetUInt16(),
            RemotePort = tuple[4].GetUInt16(),
            State = TcpStateNames.Of(tuple[5].GetInt64()),
            Timestamp = _clock.FromMonotonic(tuple[6].GetInt64()),
            LocalAddress = tuple[7].GetString() ?? "",
            RemoteAddress = tuple[8].GetString() ?? "",
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
