using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces TCP sessions (tcplife): each one when it closes, with its ends, its process, the bytes each way and how long it lived.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfTcpSession")]
[OutputType(typeof(TcpSessionEvent))]
public sealed class GetBpfTcpSessionCommand : BpfCommandBase
{
    /// <summary>Only sessions of this process (tcplife's -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only sessions on these local ports (tcplife's -L 80,443).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, ushort.MaxValue)]
    public int[]? LocalPort { get; set; }

    /// <summary>Only sessions with these remote ports (tcplife's -D 80,443).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, ushort.MaxValue)]
    public int[]? RemotePort { get; set; }

    /// <summary>Only IPv4 (tcplife's -4) or only IPv6 (-6) sessions; an IPv6 socket talking to an IPv4 peer counts as IPv6.</summary>
    [Parameter]
    public IPFamily? AddressFamily { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new TcpSessionOptions(ProcessId, LocalPort, RemotePort, AddressFamily);
        // The tools filter in the kernel; the same test here covers what a backend cannot (bcc has no -4/-6,
        // the bpftrace program has four port slots) and keeps every backend's answer alike.
        Trace(ToolCatalog.TcpSession, options, Matches);
    }

    private bool Matches(TcpSessionEvent session) =>
        (ProcessId is null || session.ProcessId == ProcessId)
        && (LocalPort is null || LocalPort.Contains(session.LocalPort))
        && (RemotePort is null || RemotePort.Contains(session.RemotePort))
        && (AddressFamily is null || session.AddressFamily == AddressFamily);
}
