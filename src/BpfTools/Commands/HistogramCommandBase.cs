using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// What the histogram cmdlets share: -Interval, and a default -Duration. A histogram is printed when its tool
/// stops, and nothing can be written to the pipeline after Ctrl-C, so these cmdlets always end by themselves.
/// </summary>
public abstract class HistogramCommandBase : BpfCommandBase
{
    /// <summary>How long a histogram cmdlet traces when no -Duration is given: the tools are meant for 10-60 s runs.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>Emit one histogram every this many seconds (a time series) instead of one at the end.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? Interval { get; set; }

    /// <summary>Measure in milliseconds instead of microseconds.</summary>
    [Parameter]
    public SwitchParameter Milliseconds { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= DefaultDuration;
        WriteVerbose($"Tracing for {Duration.Value.TotalSeconds} s" + (Interval is { } i ? $", a histogram every {i} s." : ", one histogram at the end."));
    }
}
