namespace BpfTools.Records;

/// <summary>
/// A TCP socket's state, numbered as the kernel numbers it (include/net/tcp_states.h); the tools print the names
/// in capitals with underscores (SYN_SENT is <see cref="SynSent"/>).
/// </summary>
public enum TcpState
{
    /// <summary>ESTABLISHED: the connection is open.</summary>
    Established = 1,

    /// <summary>SYN_SENT: connect() sent its SYN and waits for the answer.</summary>
    SynSent = 2,

    /// <summary>SYN_RECV: a SYN came in and was answered (an accept in progress).</summary>
    SynRecv = 3,

    /// <summary>FIN_WAIT1: this end closed first and sent its FIN.</summary>
    FinWait1 = 4,

    /// <summary>FIN_WAIT2: that FIN was acknowledged; waiting for the peer's.</summary>
    FinWait2 = 5,

    /// <summary>TIME_WAIT: both FINs exchanged, lingering before the port is reused.</summary>
    TimeWait = 6,

    /// <summary>CLOSE: no connection (a new socket, or one that ended).</summary>
    Close = 7,

    /// <summary>CLOSE_WAIT: the peer closed first; this end has not yet.</summary>
    CloseWait = 8,

    /// <summary>LAST_ACK: this end closed after the peer; waiting for the last acknowledgement.</summary>
    LastAck = 9,

    /// <summary>LISTEN: a listening socket.</summary>
    Listen = 10,

    /// <summary>CLOSING: both ends closed at once.</summary>
    Closing = 11,

    /// <summary>NEW_SYN_RECV: a request socket for an incoming SYN (the kernel's, not a full socket).</summary>
    NewSynRecv = 12,

    /// <summary>BOUND_INACTIVE: bound but neither listening nor connected (Linux 6.9 and later).</summary>
    BoundInactive = 13,
}
