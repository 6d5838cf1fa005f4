namespace BpfTools.Records;

/// <summary>Which side opened a TCP connection: this host (connect()) or its peer (accepted here).</summary>
/// <remarks>Flags, so that -Direction Both asks for either; a connection is always one of the two.</remarks>
[Flags]
public enum TcpDirection
{
    /// <summary>A connection this host opened, by connect() (tcpconnect, tcpconnlat).</summary>
    Outbound = 1,

    /// <summary>A connection a peer opened to a listening socket of this host (tcpaccept).</summary>
    Inbound = 2,

    /// <summary>Either: only as a filter (-Direction Both).</summary>
    Both = Outbound | Inbound,
}
