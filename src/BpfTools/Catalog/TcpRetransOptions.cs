namespace BpfTools.Catalog;

/// <summary>What Get-BpfTcpRetransmit asks of tcpretrans.</summary>
/// <param name="AddressFamily">"IPv4" (-4) or "IPv6" (-6) for one family only, or null for both.</param>
/// <param name="IncludeTailLossProbe">Also report tail loss probe attempts (-l).</param>
public sealed record TcpRetransOptions(string? AddressFamily, bool IncludeTailLossProbe)
{
    /// <summary>The two values -AddressFamily takes, as records name them.</summary>
    public const string IPv4 = "IPv4", IPv6 = "IPv6";
}
