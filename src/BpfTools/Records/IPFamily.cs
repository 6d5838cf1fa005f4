namespace BpfTools.Records;

/// <summary>An IP connection's address family; the values are tcpretrans's IP column (4 or 6).</summary>
public enum IPFamily
{
    /// <summary>IPv4 (AF_INET).</summary>
    IPv4 = 4,

    /// <summary>IPv6 (AF_INET6), including an IPv6 socket talking to an IPv4 peer (::ffff:a.b.c.d).</summary>
    IPv6 = 6,
}
