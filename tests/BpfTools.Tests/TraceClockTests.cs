using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

public class TraceClockTests
{
    [Fact]
    public void The_system_clock_places_now_at_now()
    {
        var clock = TraceClock.System;
        var before = DateTime.Now;
        var converted = clock.FromMonotonic(clock.MonotonicNanoseconds);
        var after = DateTime.Now;
        Assert.InRange(converted, before - TimeSpan.FromSeconds(1), after + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_system_clock_keeps_instants_apart_by_their_monotonic_distance()
    {
        var clock = TraceClock.System;
        var now = clock.MonotonicNanoseconds;
        // Older, newer (past the one-second reuse of its reference pair) and back again.
        var earlier = clock.FromMonotonic(now - 5_000_000_000);
        var later = clock.FromMonotonic(now + 3_000_000_000);
        var again = clock.FromMonotonic(now - 5_000_000_000);
        Assert.InRange(later - earlier, TimeSpan.FromSeconds(8) - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(8) + TimeSpan.FromMilliseconds(50));
        Assert.InRange(again - earlier, -TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        Assert.Equal(DateTimeKind.Local, later.Kind);
    }

    [Fact]
    public void A_test_clock_is_read_on_every_conversion()
    {
        var clock = new SteppingClock();
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local), clock.FromMonotonic(1_000));
        clock.Current = clock.Current.AddHours(1);
        Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Local), clock.FromMonotonic(1_000));
    }

    private sealed class SteppingClock : TraceClock
    {
        public override DateTime Now => Current;

        public DateTime Current { get; set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);

        public override long MonotonicNanoseconds => 1_000;
    }
}
