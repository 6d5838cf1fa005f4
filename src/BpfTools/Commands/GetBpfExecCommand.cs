using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces exec() system calls as they happen (execsnoop), failed ones included.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfExec")]
[OutputType(typeof(ExecEvent))]
public sealed class GetBpfExecCommand : BpfCommandBase
{
    /// <summary>Only processes whose name (comm) contains this text, case-sensitively, as execsnoop's -n.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Only exec() calls made by this user id (execsnoop's -u).</summary>
    [Parameter]
    [ValidateRange(0, uint.MaxValue - 1)]
    public long? Uid { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.Exec, new ExecOptions(Name, Uid), ProcessNameContains<ExecEvent>(Name, e => e.ProcessName));
}
