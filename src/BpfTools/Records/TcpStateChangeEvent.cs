namespace BpfTools.Records;

/// <summary>One TCP socket changing state, as traced by tcpstates.</summary>
/// <remarks>
/// The process is the task running when the state changed: the one that called connect(), listen() or close(),
/// but for changes made in softirq context (an ACK arriving) whichever task the CPU happened to be running.
/// </remarks>
public sealed class TcpStateChangeEvent : ITimedEvent
{
    /// <summary>When the socket changed state (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The kernel address of the socket (tcpstates' SKADDR): the same for every change of one socket.</summary>
    public ulong Socket { get; init; }

    /// <summary>The process running when the state changed (see the remarks).</summary>
    public int ProcessId { get; init; }

    /// <summary>Its name (comm); libbpf-tools cuts it to 10 characters unless run wide, as BpfTools runs it.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>IPv4 or IPv6; an IPv6 socket talking to an IPv4 peer (::ffff:a.b.c.d) is IPv6.</summary>
    public IPFamily AddressFamily { get; init; }

    /// <summary>The local address, as text (127.0.0.1, ::1; 0.0.0.0 or :: for a listener on every address).</summary>
    public string LocalAddress { get; init; } = "";

    /// <summary>The local port; 0 while a connecting socket has none yet (CLOSE to SYN_SENT).</summary>
    public int LocalPort { get; init; }

    /// <summary>The remote address, as text (0.0.0.0 or :: for a listener).</summary>
    public string RemoteAddress { get; init; } = "";

    /// <summary>The remote port; 0 for a listener.</summary>
    public int RemotePort { get; init; }

    /// <summary>The state it left.</summary>
    public TcpState OldState { get; init; }

    /// <summary>The state it entered.</summary>
    public TcpState NewState { get; init; }

    /// <summary>How long it was in <see cref="OldState"/>: zero for the first change seen of a socket.</summary>
    public TimeSpan TimeInOldState { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ProcessName} {ProcessId} {LocalAddress}:{LocalPort} {RemoteAddress}:{RemotePort} {OldState} -> {NewState} {TimeInOldState.TotalMilliseconds:0.###}";
}
