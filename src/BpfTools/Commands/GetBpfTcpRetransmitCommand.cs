using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces TCP retransmits as they happen (tcpretrans), with the connection's addresses, ports and state.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfTcpRetransmit")]
[OutputType(typeof(TcpRetransmitEvent))]
public sealed class GetBpfTcpRetransmitCommand : BpfCommandBase
{
    /// <summary>Only IPv4 or only IPv6 connections (tcpretrans's -4 and -6), tested in the kernel.</summary>
    [Parameter]
    public IPFamily? AddressFamily { get; set; }

    /// <summary>
    /// Also report tail loss probe attempts (tcpretrans's -l), as Kind TailLossProbe. Only the Bcc backend can:
    /// it needs a kprobe on tcp_send_loss_probe, and the kernel has no tracepoint for them.
    /// </summary>
    [Parameter]
    [Alias("LossProbe")]
    public SwitchParameter IncludeTailLossProbe { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (IncludeTailLossProbe && !BccCanRun())
        {
            WriteWarning("Tail loss probes are seen only by bcc's tcpretrans (-l), which needs kprobes; the bpftrace backend reports retransmits only.");
        }
        var family = AddressFamily;
        Trace(ToolCatalog.TcpRetransmit, new TcpRetransmitOptions(family, IncludeTailLossProbe),
            family is null ? null : e => e.AddressFamily == family);
    }

    private bool BccCanRun()
    {
        if (Backend is not (BackendKind.Auto or BackendKind.Bcc))
        {
            return false;
        }
        var bcc = ToolCatalog.TcpRetransmit.Backends.Single(b => b.Kind == BackendKind.Bcc);
        return bcc.Locate(HostCapabilities.Probe(), ProgramFolder).CanRun;
    }
}
