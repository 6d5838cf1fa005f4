using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces TCP state changes (tcpstates): each socket's move from one state to the next, with its ends and the time it spent in the old state.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfTcpStateChange")]
[OutputType(typeof(TcpStateChangeEvent))]
public sealed class GetBpfTcpStateChangeCommand : BpfCommandBase
{
    /// <summary>Only changes of sockets with these local ports (tcpstates' -L 80,443).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, ushort.MaxValue)]
    public int[]? LocalPort { get; set; }

    /// <summary>Only changes of sockets with these remote ports (tcpstates' -D 80,443).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, ushort.MaxValue)]
    public int[]? RemotePort { get; set; }

    /// <summary>Only IPv4 (tcpstates' -4) or only IPv6 (-6) sockets; an IPv6 socket talking to an IPv4 peer counts as IPv6.</summary>
    [Parameter]
    public IPFamily? AddressFamily { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new TcpStateChangeOptions(LocalPort, RemotePort, AddressFamily);
        // The tools filter in the kernel; the same test here covers what a backend cannot (the bpftrace program
        // has four port slots) and keeps every backend's answer alike.
        Trace(ToolCatalog.TcpStateChange, options, Matches);
    }

    private bool Matches(TcpStateChangeEvent change) =>
        (LocalPort is null || LocalPort.Contains(change.LocalPort))
        && (RemotePort is null || RemotePort.Contains(change.RemotePort))
        && (AddressFamily is null || change.AddressFamily == AddressFamily);
}
