using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces open() and openat() calls as they happen (opensnoop), with the error when one fails.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfOpen")]
[OutputType(typeof(OpenEvent))]
public sealed class GetBpfOpenCommand : BpfCommandBase
{
    /// <summary>Only processes whose name (comm) contains this text, case-sensitively, as opensnoop's -n.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Only this process (opensnoop's -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only opens made by this user id (opensnoop's -u).</summary>
    [Parameter]
    [ValidateRange(0, uint.MaxValue - 1)]
    public long? Uid { get; set; }

    /// <summary>Only opens that failed (opensnoop's -x).</summary>
    [Parameter]
    public SwitchParameter FailedOnly { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.Open, new OpenOptions(ProcessId, Name, Uid, FailedOnly), ProcessNameContains<OpenEvent>(Name, e => e.ProcessName));
}
