namespace BpfTools.Records;

/// <summary>One TCP session, from its birth to its close, as summarized by tcplife.</summary>
/// <remarks>
/// The byte counts are the kernel's own per-socket counters (tcp_sock bytes_acked and bytes_received), counted
/// in sequence space: besides the payload they may hold one byte for a FIN and one for a SYN. The libbpf-tools
/// backend prints them in KB with two decimals (a resolution of about 10 bytes), bcc's in whole KB (rounded
/// down): only the bpftrace backend gives them to the byte.
/// </remarks>
public sealed class TcpSessionEvent : ITimedEvent
{
    /// <summary>When the session closed (local time): tcplife reports a session at its end.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process the session is attributed to: the one that connected, else the one that closed it, else the one running at close.</summary>
    public int ProcessId { get; init; }

    /// <summary>Its name (comm).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>IPv4 or IPv6; an IPv6 socket talking to an IPv4 peer (::ffff:a.b.c.d) is IPv6.</summary>
    public IPFamily AddressFamily { get; init; }

    /// <summary>The local address, as text (127.0.0.1, ::1).</summary>
    public string LocalAddress { get; init; } = "";

    /// <summary>The local port.</summary>
    public int LocalPort { get; init; }

    /// <summary>The remote address, as text.</summary>
    public string RemoteAddress { get; init; } = "";

    /// <summary>The remote port.</summary>
    public int RemotePort { get; init; }

    /// <summary>Bytes sent and acknowledged by the peer (tcplife's TX_KB, in bytes).</summary>
    public long TxBytes { get; init; }

    /// <summary>Bytes received (tcplife's RX_KB, in bytes).</summary>
    public long RxBytes { get; init; }

    /// <summary>How long the session lived: from its last opening state (connecting or established) to its close.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ProcessName} {ProcessId} {LocalAddress}:{LocalPort} {RemoteAddress}:{RemotePort} {TxBytes} {RxBytes} {Duration.TotalMilliseconds:0.##}";
}
