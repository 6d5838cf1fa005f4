namespace BpfTools.Records;

/// <summary>One TCP retransmit or tail loss probe, as traced by tcpretrans.</summary>
/// <remarks>Addresses are text (192.0.2.1, 2001:db8::1) so Export-Csv and remoting keep them readable.</remarks>
public sealed class TcpRetransmitEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the retransmit (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>
    /// The process that was on the CPU: usually 0, because most retransmits are sent from a timer or from
    /// softirq while receiving ACKs, not on behalf of the socket's owner.
    /// </summary>
    public int ProcessId { get; init; }

    /// <summary>IPv4 or IPv6 (tcpretrans's IP column: 4 or 6).</summary>
    public IPFamily AddressFamily { get; init; }

    /// <summary>This host's address on the connection.</summary>
    public string LocalAddress { get; init; } = "";

    /// <summary>This host's port on the connection.</summary>
    public int LocalPort { get; init; }

    /// <summary>Whether a segment was retransmitted or a tail loss probe attempted.</summary>
    public TcpRetransmitKind Kind { get; init; }

    /// <summary>The peer's address.</summary>
    public string RemoteAddress { get; init; } = "";

    /// <summary>The peer's port.</summary>
    public int RemotePort { get; init; }

    /// <summary>The connection's TCP state at the time, as tcpretrans names it (ESTABLISHED, SYN_SENT, FIN_WAIT1...).</summary>
    public string State { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{LocalAddress}:{LocalPort} {(Kind == TcpRetransmitKind.TailLossProbe ? 'L' : 'R')}> {RemoteAddress}:{RemotePort} {State}";
}
