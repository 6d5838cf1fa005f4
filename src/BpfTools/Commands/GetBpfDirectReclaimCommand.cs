using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces direct reclaims as they happen (drsnoop): threads that had to free memory before their allocation could go on, how long it stalled them, pages freed.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfDirectReclaim")]
[OutputType(typeof(DirectReclaimEvent))]
public sealed class GetBpfDirectReclaimCommand : BpfCommandBase
{
    /// <summary>Only this process's threads (drsnoop's -p).</summary>
    [Parameter]
    [Alias("p")]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only this thread (drsnoop's -t).</summary>
    [Parameter]
    [Alias("t")]
    [ValidateRange(1, int.MaxValue)]
    public int? ThreadId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Trace(ToolCatalog.DirectReclaim, new DirectReclaimOptions(ProcessId, ThreadId));
}
