using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces TCP connections as they are opened (tcpconnect, tcpaccept, tcpconnlat): outbound, inbound or both, with the process, both ends and the handshake's latency.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfTcpConnect")]
[OutputType(typeof(TcpConnectEvent))]
public sealed class GetBpfTcpConnectCommand : BpfCommandBase
{
    /// <summary>Outbound (connect(): tcpconnect, the default), Inbound (accepted: tcpaccept) or Both (the Bpftrace backend only).</summary>
    [Parameter(Position = 0)]
    public TcpDirection Direction { get; set; } = TcpDirection.Outbound;

    /// <summary>Time each outbound handshake (tcpconnlat rather than tcpconnect): only connections that complete are reported. Not with -Direction Inbound.</summary>
    [Parameter]
    public SwitchParameter Latency { get; set; }

    /// <summary>Only connections of this process (-p): the one that called connect(), or accept() for tcpaccept.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only connections on these ports (-P 80,443): the remote port of outbound connections, the local port of inbound ones.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, ushort.MaxValue)]
    public int[]? Port { get; set; }

    /// <summary>Only IPv4 (-4) or only IPv6 (-6) connections; an IPv6 socket talking to an IPv4 peer counts as IPv6.</summary>
    [Parameter]
    public IPFamily? AddressFamily { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        // Both refusals before anything starts.
        if (Latency && Direction == TcpDirection.Inbound)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Latency needs -Direction Outbound or Both: no backend times an inbound handshake (tcpaccept reports accept() calls, the tracepoint only the handshake's end)."),
                BpfErrorId.LatencyNeedsOutbound, ErrorCategory.InvalidArgument, Direction));
        }
        if (Direction == TcpDirection.Both && Backend is not (BackendKind.Auto or BackendKind.Bpftrace))
        {
            ThrowTerminatingError(new Problem(BpfErrorId.BackendNotAvailable, ErrorCategory.InvalidArgument,
                "-Direction Both needs the Bpftrace backend: tcpconnect and tcpaccept see one direction each.",
                "Use -Backend Auto or Bpftrace, or trace one direction at a time.").ToErrorRecord("tcpconnect"));
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new TcpConnectOptions(Direction, ProcessId, Port, AddressFamily, Latency);
        // The tools filter in the kernel where they can; the same test here covers the rest (no port filter in
        // tcpconnlat, no -4/-6 in libbpf-tools, four port slots in the bpftrace program).
        Trace(ToolCatalog.TcpConnectFor(options), options, Matches);
    }

    private bool Matches(TcpConnectEvent connection) =>
        (ProcessId is null || connection.ProcessId == ProcessId)
        && (Port is null || Port.Contains((connection.Direction == TcpDirection.Inbound ? connection.LocalPort : connection.RemotePort) ?? 0))
        && (AddressFamily is null || connection.AddressFamily == AddressFamily);
}
