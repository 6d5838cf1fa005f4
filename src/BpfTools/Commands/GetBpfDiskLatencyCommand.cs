using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Measures block I/O latency as histograms (biolatency).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfDiskLatency", DefaultParameterSetName = TotalSet)]
[OutputType(typeof(BpfHistogram))]
public sealed class GetBpfDiskLatencyCommand : HistogramCommandBase
{
    private const string TotalSet = "Total";
    private const string PerDiskSet = "PerDisk";
    private const string PerFlagSet = "PerFlag";

    /// <summary>One histogram per disk (biolatency -D).</summary>
    [Parameter(ParameterSetName = PerDiskSet, Mandatory = true)]
    public SwitchParameter PerDisk { get; set; }

    /// <summary>One histogram per set of I/O flags (biolatency -F).</summary>
    [Parameter(ParameterSetName = PerFlagSet, Mandatory = true)]
    public SwitchParameter PerFlag { get; set; }

    /// <summary>Count the time requests wait in the OS queue too, not only on the device (biolatency -Q).</summary>
    [Parameter]
    public SwitchParameter IncludeQueueTime { get; set; }

    /// <summary>Only this disk (vda, sda, nvme0n1), as biolatency -d.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DiskNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Disk { get; set; }

    /// <summary>Measure in milliseconds instead of microseconds (-m).</summary>
    [Parameter]
    public SwitchParameter Milliseconds { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Disk is not null && DiskArgument.Check(Disk, out _) is { } problem)
        {
            ThrowTerminatingError(problem.ToErrorRecord(Disk));
        }
        Trace(ToolCatalog.DiskLatency, new DiskLatencyOptions(ToolInterval, Milliseconds, PerDisk, PerFlag, IncludeQueueTime, Disk), stage: Windows);
    }
}
