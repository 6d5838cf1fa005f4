using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces process exits as they happen (exitsnoop): the exit code or the killing signal, the age, the parent.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfProcessExit")]
[OutputType(typeof(ProcessExitEvent))]
public sealed class GetBpfProcessExitCommand : BpfCommandBase
{
    /// <summary>Only processes whose name (comm) contains this text, case-sensitively. exitsnoop has no name filter: BpfTools applies it.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Only this process (exitsnoop's -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Every thread's exit, not only whole processes' (exitsnoop's -T).</summary>
    [Parameter]
    public SwitchParameter IncludeThreads { get; set; }

    /// <summary>Only failed exits: a non-zero exit code or a death by signal (exitsnoop's -x).</summary>
    [Parameter]
    public SwitchParameter FailedOnly { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        // The process filter is applied here too: bcc's exitsnoop cannot take it (see the catalog).
        var name = ProcessNameContains<ProcessExitEvent>(Name, e => e.ProcessName);
        var pid = ProcessId;
        Trace(ToolCatalog.ProcessExit, new ProcessExitOptions(ProcessId, IncludeThreads, FailedOnly),
            pid is null && name is null ? null : e => (pid is null || e.ProcessId == pid) && (name is null || name(e)));
    }
}
