using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Measures how long tasks run on a CPU at a time, or stay off it, as histograms (cpudist).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfCpuTimeDistribution", DefaultParameterSetName = TotalSet)]
[OutputType(typeof(BpfHistogram))]
public sealed class GetBpfCpuTimeDistributionCommand : HistogramCommandBase
{
    private const string TotalSet = "Total";
    private const string PerProcessSet = "PerProcess";
    private const string PerThreadSet = "PerThread";

    /// <summary>Measure the time tasks spend off the CPU (blocked or waiting) instead of on it (cpudist -O).</summary>
    [Parameter]
    public SwitchParameter OffCpu { get; set; }

    /// <summary>One histogram per process (cpudist -P).</summary>
    [Parameter(ParameterSetName = PerProcessSet, Mandatory = true)]
    public SwitchParameter PerProcess { get; set; }

    /// <summary>One histogram per thread (cpudist -L).</summary>
    [Parameter(ParameterSetName = PerThreadSet, Mandatory = true)]
    public SwitchParameter PerThread { get; set; }

    /// <summary>Only this process, every thread of it (cpudist -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Measure in milliseconds instead of microseconds (-m).</summary>
    [Parameter]
    public SwitchParameter Milliseconds { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.CpuTimeDistribution,
            new CpuTimeDistributionOptions(ToolInterval, Milliseconds, OffCpu, PerProcess, PerThread, ProcessId), stage: Windows);
}
