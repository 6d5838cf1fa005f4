namespace BpfTools.Records;

/// <summary>What the kernel sent again: tcpretrans's T column.</summary>
public enum TcpRetransmitKind
{
    /// <summary>A retransmitted segment (R>): after a timeout, or fast retransmit after duplicate ACKs or SACKs.</summary>
    Retransmit,

    /// <summary>A tail loss probe attempt (L>), shown only with -IncludeTailLossProbe; the kernel may not have sent it in the end.</summary>
    TailLossProbe,
}
