using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces OOM kills as they happen (oomkill): the process killed, the process that triggered it, pages or the victim's memory.</para>
/// </summary>
/// <remarks>oomkill has no filters of its own; the common parameters are all there is.</remarks>
[Cmdlet(VerbsCommon.Get, "BpfOomKill")]
[OutputType(typeof(OomKillEvent))]
public sealed class GetBpfOomKillCommand : BpfCommandBase
{
    /// <inheritdoc/>
    protected override void ProcessRecord() => Trace(ToolCatalog.OomKill, new OomKillOptions());
}
