using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces run queue delays over a threshold (runqslower): each time a thread waited longer than it for a CPU, with the thread that ran before it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfRunQueueDelay")]
[OutputType(typeof(RunQueueDelayEvent))]
public sealed class GetBpfRunQueueDelayCommand : BpfCommandBase
{
    /// <summary>
    /// Only delays longer than this: microseconds (10000, 250), runqslower's unit, or a TimeSpan; 10 ms by default,
    /// as the tool's. The tool gets it in whole microseconds (its min_us); a fraction is applied here as well.
    /// </summary>
    [Parameter(Position = 0)]
    [MicrosecondsTransformation]
    [ValidatePositiveDuration]
    public TimeSpan Threshold { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Only the threads of this process (runqslower's -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only this thread (runqslower's -t).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? ThreadId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var threshold = Threshold;
        // The record has no process id, so -ProcessId is the tools' alone; the thread and the exact threshold are
        // tested here too.
        Trace(ToolCatalog.RunQueueDelay, new RunQueueDelayOptions(threshold, ProcessId, ThreadId),
            e => e.Delay > threshold && (ThreadId is null || e.ThreadId == ThreadId));
    }
}
