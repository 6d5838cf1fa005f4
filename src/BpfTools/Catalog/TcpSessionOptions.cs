using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>What Get-BpfTcpSession asks of tcplife.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="LocalPorts">Only these local ports (-L 80,443), or null.</param>
/// <param name="RemotePorts">Only these remote ports (-D 80,443), or null.</param>
/// <param name="AddressFamily">IPv4 (-4), IPv6 (-6), or null for both.</param>
internal sealed record TcpSessionOptions(int? ProcessId, IReadOnlyList<int>? LocalPorts, IReadOnlyList<int>? RemotePorts, IPFamily? AddressFamily);
