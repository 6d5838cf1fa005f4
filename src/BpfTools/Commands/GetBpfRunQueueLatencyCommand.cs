using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Measures how long runnable tasks wait for a CPU, as histograms (runqlat).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfRunQueueLatency", DefaultParameterSetName = TotalSet)]
[OutputType(typeof(BpfHistogram))]
public sealed class GetBpfRunQueueLatencyCommand : HistogramCommandBase
{
    private const string TotalSet = "Total";
    private const string PerProcessSet = "PerProcess";
    private const string PerThreadSet = "PerThread";

    /// <summary>One histogram per process (runqlat -P). The bpftrace backend gives one per thread instead.</summary>
    [Parameter(ParameterSetName = PerProcessSet, Mandatory = true)]
    public SwitchParameter PerProcess { get; set; }

    /// <summary>One histogram per thread (runqlat -L).</summary>
    [Parameter(ParameterSetName = PerThreadSet, Mandatory = true)]
    public SwitchParameter PerThread { get; set; }

    /// <summary>Only this process (runqlat -p; with bpftrace, its main thread).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Measure in milliseconds instead of microseconds (-m).</summary>
    [Parameter]
    public SwitchParameter Milliseconds { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.RunQueueLatency, new RunQueueLatencyOptions(ToolInterval, Milliseconds, PerProcess, PerThread, ProcessId), stage: Windows);
}
