using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Measures the time spent in hard or soft interrupts, per interrupt (hardirqs, softirqs).</para>
/// </summary>
/// <remarks>
/// Totals (and -Count) come in the tool's own intervals: ClockWindows sums histograms only, so -NoClockAlignment
/// is implied for them. With -Distribution the windows are on the clock like the other histogram cmdlets'.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfInterruptTime", DefaultParameterSetName = TotalSet)]
[OutputType(typeof(InterruptTimeSample), ParameterSetName = [TotalSet, CountSet])]
[OutputType(typeof(BpfHistogram), ParameterSetName = [DistributionSet])]
public sealed class GetBpfInterruptTimeCommand : HistogramCommandBase
{
    private const string TotalSet = "Total";
    private const string CountSet = "Count";
    private const string DistributionSet = "Distribution";

    /// <summary>Hardware interrupts (hardirqs, the default) or software interrupts (softirqs).</summary>
    [Parameter(Position = 0)]
    public InterruptKind Kind { get; set; } = InterruptKind.Hard;

    /// <summary>Count how many times each interrupt fired instead of timing it (hardirqs -C; not with -Kind Soft).</summary>
    [Parameter(ParameterSetName = CountSet, Mandatory = true)]
    public SwitchParameter Count { get; set; }

    /// <summary>One histogram of handler times per interrupt (-d) instead of totals.</summary>
    [Parameter(ParameterSetName = DistributionSet, Mandatory = true)]
    public SwitchParameter Distribution { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Count && Kind == InterruptKind.Soft)
        {
            // softirqs has no -C: say so before starting anything.
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Count needs -Kind Hard: softirqs cannot count events (it has no -C), only time them."),
                BpfErrorId.CountNeedsHardInterrupts, ErrorCategory.InvalidArgument, Kind));
        }
        if (Distribution)
        {
            base.BeginProcessing();
            return;
        }
        Duration ??= DefaultDuration;
        WriteVerbose($"Tracing for {Duration.Value.TotalSeconds} s" + (Interval is { } i
            ? $", totals every {i} s (the tool's own intervals)."
            : ", totals at the end."));
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new InterruptTimeOptions(Distribution ? ToolInterval : Interval, Count);
        if (Distribution)
        {
            Trace(ToolCatalog.InterruptTimeDistribution(Kind), options, stage: Windows);
        }
        else
        {
            Trace(ToolCatalog.InterruptTime(Kind), options);
        }
    }
}
