using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

/// <summary>A run's clock: the lines one read of the pipe brought arrived when that read returned.</summary>
public class ReadArrivalClockTests
{
    private static readonly DateTime Noon = new(2026, 3, 14, 12, 0, 0, 250, DateTimeKind.Local);

    [Fact]
    public void Lines_of_one_read_arrive_when_the_read_returned_whatever_the_clock_says_later()
    {
        var wall = new FixedTimeClock { Current = Noon };
        var clock = new ReadArrivalClock(wall);
        clock.MarkRead();
        wall.Current = Noon.AddMilliseconds(400);
        Assert.Equal(Noon, clock.Arrival);
        // Parsed later in the same read, a line still dates from the read: within its printed second, with milliseconds.
        Assert.True(new TimeColumn(clock).TryRead("12:00:00", out var time));
        Assert.Equal(Noon, time);
        clock.MarkRead();
        Assert.Equal(Noon.AddMilliseconds(400), clock.Arrival);
    }

    [Fact]
    public void Before_any_read_is_marked_a_line_arrives_now()
    {
        var wall = new FixedTimeClock { Current = Noon };
        var clock = new ReadArrivalClock(wall);
        Assert.Equal(Noon, clock.Arrival);
        wall.Current = Noon.AddSeconds(1);
        Assert.Equal(Noon.AddSeconds(1), clock.Arrival);
    }

    [Fact]
    public void The_tools_own_stamps_and_now_are_the_wrapped_clocks()
    {
        var wall = new FixedTimeClock { Current = Noon };
        var clock = new ReadArrivalClock(wall);
        clock.MarkRead();
        wall.Current = Noon.AddMinutes(1);
        Assert.Equal(Noon.AddMinutes(1), clock.Now);
        Assert.Equal(wall.MonotonicNanoseconds, clock.MonotonicNanoseconds);
        Assert.Equal(Noon.AddMinutes(1).AddSeconds(-2), clock.FromMonotonic(wall.MonotonicNanoseconds - 2_000_000_000));
    }

    private sealed class FixedTimeClock : TraceClock
    {
        public DateTime Current { get; set; }

        public override DateTime Now => Current;

        public override long MonotonicNanoseconds => 50_000_000_000;
    }
}
