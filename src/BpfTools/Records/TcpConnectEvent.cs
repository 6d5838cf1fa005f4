namespace BpfTools.Records;

/// <summary>One TCP connection being opened, as traced by tcpconnect (outbound), tcpaccept (inbound) or tcpconnlat (outbound, with its latency).</summary>
/// <remarks>
/// What each backend knows differs: tcpconnect reports connect() calls as they send their SYN (the port and the
/// latency unknown yet), tcpaccept each accept() that returns, tcpconnlat and the bpftrace program each handshake
/// that completes. The bpftrace program sees no process for inbound connections (the kernel completes them in
/// whatever task runs its network softirq), so there <see cref="ProcessId"/> and <see cref="ProcessName"/> are null.
/// </remarks>
public sealed class TcpConnectEvent : ITimedEvent
{
    /// <summary>When the tool saw the connection (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>Outbound (this host connected) or Inbound (a peer connected to this host).</summary>
    public TcpDirection Direction { get; init; }

    /// <summary>The process that called connect() (outbound) or accept() (inbound, tcpaccept); null where the backend cannot tell (see the remarks).</summary>
    public int? ProcessId { get; init; }

    /// <summary>Its name (comm); the tools cut it to 12 characters. Null where <see cref="ProcessId"/> is.</summary>
    public string? ProcessName { get; init; }

    /// <summary>The user id of the process that called connect(): tcpconnect's UID column; -1 when the backend does not report it.</summary>
    public long Uid { get; init; } = -1;

    /// <summary>IPv4 or IPv6; an IPv6 socket talking to an IPv4 peer (::ffff:a.b.c.d) is IPv6.</summary>
    public IPFamily AddressFamily { get; init; }

    /// <summary>This host's address of the connection, as text (127.0.0.1, ::1).</summary>
    public string LocalAddress { get; init; } = "";

    /// <summary>This host's port; null where the tool does not print it (tcpconnect without LPORT: libbpf-tools').</summary>
    public int? LocalPort { get; init; }

    /// <summary>The peer's address, as text.</summary>
    public string RemoteAddress { get; init; } = "";

    /// <summary>The peer's port; null where the tool does not print it (older bcc tcpaccept has no RPORT column).</summary>
    public int? RemotePort { get; init; }

    /// <summary>
    /// For outbound connections: from connect() sending the SYN to the handshake's completion (tcpconnlat's LAT(ms),
    /// the bpftrace program's SYN_SENT to ESTABLISHED); null where the tool does not measure it.
    /// </summary>
    public TimeSpan? Latency { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Direction} {ProcessName} {ProcessId} {LocalAddress}:{LocalPort} {RemoteAddress}:{RemotePort} {Latency?.TotalMilliseconds:0.###}";
}
