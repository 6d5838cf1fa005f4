using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

/// <summary>The end-of-window rules on a clock the test moves by hand.</summary>
public class WindowEndTests
{
    private long _now = 1_000;

    private WindowEnd Window() => new(() => _now);

    [Fact]
    public void Output_going_quiet_after_the_window_ends_the_run_unless_the_pipeline_holds_the_tool_back()
    {
        var window = Window();
        window.Close(DateTime.Now);
        _now += 100;
        window.Output();
        _now += 249;
        Assert.False(window.ShouldStop(heldBack: false));
        _now += 1;
        Assert.False(window.ShouldStop(heldBack: true), "a tool held back by the pipeline is not quiet, it waits");
        Assert.True(window.ShouldStop(heldBack: false));
        Assert.Equal("the tool's output went quiet", window.StopReason);
        Assert.Equal(TimeSpan.FromMilliseconds(350), window.Drained);
    }

    [Fact]
    public void The_first_line_past_the_deadline_closes_the_window_without_waiting_for_the_timer()
    {
        var window = Window();
        window.Open(TimeSpan.FromSeconds(2));
        _now += 1_999;
        window.Output();
        window.CloseIfDue();
        Assert.Null(window.ClosedAt);
        _now += 1;
        window.Output();
        Assert.NotNull(window.ClosedAt);
    }

    [Fact]
    public void A_reader_freed_after_a_long_wait_for_room_is_not_taken_for_quiet_output()
    {
        var window = Window();
        window.Output();
        window.Close(DateTime.Now);
        _now += 2000;
        Assert.False(window.ShouldStop(heldBack: true));
        // The pipeline takes again: the reader is free before it has read its next line.
        window.Resumed();
        Assert.False(window.ShouldStop(heldBack: false));
        _now += 250;
        Assert.True(window.ShouldStop(heldBack: false));
        Assert.Equal("the tool's output went quiet", window.StopReason);
    }

    [Fact]
    public void Reading_after_the_window_ends_by_the_limit_at_the_latest()
    {
        var window = Window();
        window.Close(DateTime.Now);
        for (var i = 0; i < 99; i++)
        {
            _now += 100;
            window.Output();
            Assert.False(window.ShouldStop(heldBack: true));
        }
        _now += 100;
        Assert.True(window.ShouldStop(heldBack: true));
        Assert.Equal("the 10 s limit on reading after the window", window.StopReason);
    }

    [Fact]
    public void An_event_is_after_the_window_only_when_its_printed_time_certainly_is()
    {
        var end = new DateTime(2026, 11, 30, 12, 0, 5, 300, DateTimeKind.Local);
        var window = Window();
        Assert.False(window.DropIfAfter(end.AddHours(1), TimeSpan.Zero), "nothing is after an open window");
        window.Close(end);
        Assert.False(window.DropIfAfter(end.AddMilliseconds(-1), TimeSpan.Zero));
        // A whole-second format: 12:00:05 printed may be any time in that second, so maybe inside the window.
        Assert.False(window.DropIfAfter(end.AddMilliseconds(500), TimeSpan.FromSeconds(1)));
        Assert.Equal(0, window.DroppedAfter);
        Assert.True(window.DropIfAfter(end.AddMilliseconds(800), TimeSpan.FromSeconds(1)), "printed 12:00:06: after");
        Assert.True(window.DropIfAfter(end, TimeSpan.Zero));
        Assert.Equal(2, window.DroppedAfter);
        Assert.Equal("an event stamped after it arrived", window.StopReason);
    }
}
