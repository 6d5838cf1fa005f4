using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/tcplife.bt: one tuple per closed session,
/// ["tcp", pid, comm, family, laddr, lport, raddr, rport, tx_bytes, rx_bytes, span_ns, nsecs].
/// </summary>
public sealed class BpftraceTcpLifeParser : BpftraceTupleParser<TcpSessionEvent>
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceTcpLifeParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(JsonElement tuple, List<TcpSessionEvent> output)
    {
        if (tuple[0].GetString() != "tcp" || tuple.GetArrayLength() != 12)
        {
            return LineKind.Unparsable;
        }
        var family = tuple[3].GetInt32() switch
        {
            AfInet => "IPv4",
            AfInet6 => "IPv6",
            _ => null,
        };
        if (family is null)
        {
            return LineKind.Unparsable;
        }
        output.Add(new TcpSessionEvent
        {
            ProcessId = tuple[1].GetInt32(),
            ProcessName = tuple[2].GetString() ?? "",
            AddressFamily = family,
            LocalAddress = tuple[4].GetString() ?? "",
            LocalPort = tuple[5].GetInt32(),
            RemoteAddress = tuple[6].GetString() ?? "",
            RemotePort = tuple[7].GetInt32(),
            TxBytes = tuple[8].GetInt64(),
            RxBytes = tuple[9].GetInt64(),
            Duration = TimeSpan.FromTicks(tuple[10].GetInt64() / 100),
            Timestamp = _clock.FromMonotonic(tuple[11].GetInt64()),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<TcpSessionEvent> output)
    {
        // Every session is one tuple.
    }
}
