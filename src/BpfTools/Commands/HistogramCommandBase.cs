using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// What the histogram cmdlets share: -Interval, and a default -Duration (the latency ones add -Milliseconds; sizes and
/// counts have no such unit). A histogram is printed when its tool
/// stops, and nothing can be written to the pipeline after Ctrl-C, so these cmdlets always end by themselves.
/// </summary>
public abstract class HistogramCommandBase : BpfCommandBase
{
    /// <summary>How long a histogram cmdlet traces when no -Duration is given: the tools are meant for 10-60 s runs.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Emit one histogram every this many seconds (a time series) instead of one at the end. The windows start on
    /// the clock (every 10 s at :00, :10, :20...), the same on every host, unless -NoClockAlignment is given.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? Interval { get; set; }

    /// <summary>
    /// With -Interval: the tool's own intervals, from whenever it started, instead of windows on the clock. The first
    /// window is then not dropped, and the run ends at -Duration.
    /// </summary>
    [Parameter]
    public SwitchParameter NoClockAlignment { get; set; }

    /// <summary>The clock-aligned windows the histograms are summed into, or null (no -Interval, or -NoClockAlignment).</summary>
    private protected ClockWindows? Windows { get; private set; }

    /// <summary>The interval the tool prints at: one second when BpfTools sums its ticks into windows on the clock.</summary>
    private protected int? ToolInterval => Windows is null ? Interval : 1;

    /// <summary>With windows on the clock, long enough for the last window to be whole: the windows end the run.</summary>
    private protected override TimeSpan? RunDuration => Windows is null || Duration is null
        ? Duration
        : Duration + TimeSpan.FromSeconds((2 * Interval!.Value) + 2);

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= DefaultDuration;
        if (Interval is { } interval && !NoClockAlignment)
        {
            Windows = new ClockWindows(TimeSpan.FromSeconds(interval), Duration.Value);
        }
        WriteVerbose($"Tracing for {Duration.Value.TotalSeconds} s" + (Interval is { } i
            ? $", a histogram every {i} s" + (Windows is null ? "." : ", in windows on the clock (the tool prints every second).")
            : ", one histogram at the end."));
    }
}
