using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>What Get-BpfTcpRetransmit asks of tcpretrans.</summary>
/// <param name="AddressFamily">IPv4 (-4) or IPv6 (-6) for one family only, or null for both.</param>
/// <param name="IncludeTailLossProbe">Also report tail loss probe attempts (-l).</param>
internal sealed record TcpRetransOptions(IPFamily? AddressFamily, bool IncludeTailLossProbe);
