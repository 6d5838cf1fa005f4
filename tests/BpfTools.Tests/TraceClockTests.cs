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

    [Fact]
    public void The_cached_clock_reads_the_clocks_once_a_second_of_trace_time()
    {
        var reads = 0;
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);
        const long Monotonic = 100_000_000_000;
        var clock = new TraceClock.Cached(() => { reads++; return now; }, () => Monotonic);
        // Three seconds of records 1 ms apart, ending at the monotonic now: a pair at the first, then one a second.
        for (var stamp = Monotonic - 3_000_000_000; stamp <= Monotonic; stamp += 1_000_000)
        {
            Assert.Equal(now - TimeSpan.FromTicks((Monotonic - stamp) / 100), clock.FromMonotonic(stamp));
        }
        Assert.InRange(reads, 1, 4);
    }

    [Fact]
    public void The_cached_clock_shows_a_stepped_wall_clock_within_a_second()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);
        long monotonic = 100_000_000_000;
        var clock = new TraceClock.Cached(() => now, () => monotonic);
        Assert.Equal(now, clock.FromMonotonic(monotonic));
        now = now.AddHours(1);
        monotonic += 2_000_000_000;
        Assert.Equal(now, clock.FromMonotonic(monotonic));
    }

    [Fact]
    public void The_cached_clock_dates_an_arrival_by_the_monotonic_clock_and_its_pair()
    {
        var reads = 0;
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);
        long monotonic = 100_000_000_000;
        var clock = new TraceClock.Cached(() => { reads++; return now; }, () => monotonic);
        Assert.Equal(now, clock.Arrival);
        monotonic += 250_000_000;
        Assert.Equal(now.AddMilliseconds(250), clock.Arrival);
        Assert.Equal(1, reads);
    }

    [Fact]
    public void Records_stamped_after_the_clock_now_do_not_read_the_clocks_on_every_line()
    {
        // A capture replayed on a host up for less time than the one that made it: every stamp is in the future.
        var reads = 0;
        var clock = new TraceClock.Cached(() => { reads++; return new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local); }, () => 10_000_000_000);
        for (var stamp = 20_000_000_000L; stamp < 22_000_000_000L; stamp += 1_000_000)
        {
            clock.FromMonotonic(stamp);
        }
        Assert.InRange(reads, 1, 3);
        // A garbled stamp far past any uptime is converted, but does not put off the next pair for good: a record
        // a second past the pair still takes a new one (a stepped wall clock still shows).
        clock.FromMonotonic(long.MaxValue);
        var afterGarbage = reads;
        clock.FromMonotonic(10_000_000_000 + 2_000_000_000);
        Assert.Equal(afterGarbage + 1, reads);
    }

    private sealed class SteppingClock : TraceClock
    {
        public override DateTime Now => Current;

        public DateTime Current { get; set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);

        public override long MonotonicNanoseconds => 1_000;
    }
}
