using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

/// <summary>The one reader of the tools' TIME columns: a time of day, or seconds since a start.</summary>
public class TimeColumnTests
{
    private static readonly DateTime Noon = new(2026, 3, 14, 12, 0, 0, 250, DateTimeKind.Local);

    [Fact]
    public void Time_of_day_read_within_its_second_is_the_arrival_with_its_milliseconds()
    {
        var time = new TimeColumn(new MovingClock(Noon));
        Assert.True(time.TryRead("12:00:00", out var read));
        Assert.Equal(Noon, read);
    }

    [Fact]
    public void Each_line_is_placed_on_its_own_arrival_and_second_by_one_reader()
    {
        var clock = new MovingClock(Noon);
        var time = new TimeColumn(clock);
        Assert.True(time.TryRead("12:00:00", out var first));
        Assert.Equal(Noon, first);
        Assert.True(time.TryRead("11:59:59", out var earlier));
        Assert.Equal(new DateTime(2026, 3, 14, 11, 59, 59, DateTimeKind.Local), earlier);
        // The same second printed, read two seconds later: now the printed second, not the first line's instant.
        clock.Current = Noon.AddSeconds(2);
        Assert.True(time.TryRead("12:00:00", out var again));
        Assert.Equal(new DateTime(2026, 3, 14, 12, 0, 0, DateTimeKind.Local), again);
        Assert.True(time.TryRead("12:00:02", out var latest));
        Assert.Equal(Noon.AddSeconds(2), latest);
    }

    [Fact]
    public void Time_of_day_read_later_is_the_printed_second()
    {
        var time = new TimeColumn(new MovingClock(Noon));
        Assert.True(time.TryRead("11:59:58", out var read));
        Assert.Equal(new DateTime(2026, 3, 14, 11, 59, 58, DateTimeKind.Local), read);
    }

    [Theory]
    [InlineData("23:59:59", 0, 0, 0, 300, 13, 23, 59, 59)]
    [InlineData("23:59:58", 0, 0, 1, 0, 13, 23, 59, 58)]
    // Printed after midnight and read after it: today, not yesterday.
    [InlineData("00:00:00", 0, 0, 1, 300, 14, 0, 0, 0)]
    // Twelve hours is the limit: a time of day further ahead of the arrival was printed yesterday.
    [InlineData("12:00:01", 0, 0, 0, 0, 13, 12, 0, 1)]
    [InlineData("12:00:00", 0, 0, 0, 0, 14, 12, 0, 0)]
    public void Midnight_wrap_dates_a_late_time_of_day_yesterday(string text, int hour, int minute, int second, int millisecond,
        int day, int printedHour, int printedMinute, int printedSecond)
    {
        var arrival = new DateTime(2026, 3, 14, hour, minute, second, millisecond, DateTimeKind.Local);
        var time = new TimeColumn(new MovingClock(arrival));
        Assert.True(time.TryRead(text, out var read));
        Assert.Equal(new DateTime(2026, 3, day, printedHour, printedMinute, printedSecond, DateTimeKind.Local), read);
        Assert.Equal(DateTimeKind.Local, read.Kind);
    }

    [Fact]
    public void Midnight_wrap_crosses_months_and_years()
    {
        var arrival = new DateTime(2027, 1, 1, 0, 0, 0, 500, DateTimeKind.Local);
        Assert.True(TimeColumn.TryPlaceTimeOfDay("23:59:59", arrival, out var read));
        Assert.Equal(new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Local), read);
    }

    [Theory]
    [InlineData("24:00:00")]
    [InlineData("12:60:00")]
    [InlineData("12:00:60")]
    [InlineData("1a:00:00")]
    [InlineData("12:00-00")]
    [InlineData("١٢:٠٠:٠٠")]
    // Cut short or overlong: not a time of day, and not seconds either.
    [InlineData("12:00:0")]
    [InlineData("12:00")]
    [InlineData("12:00:00:00")]
    [InlineData("")]
    public void Impossible_cut_or_overlong_time_of_day_does_not_read(string text)
    {
        var time = new TimeColumn(new MovingClock(Noon));
        Assert.False(time.TryRead(text, out _));
        Assert.False(TimeColumn.TryReadTimeOfDay(text, out _));
    }

    [Fact]
    public void Seconds_count_from_the_first_line_read_in_seconds()
    {
        var clock = new MovingClock(Noon);
        var time = new TimeColumn(clock);
        Assert.True(time.TryRead("0.000000", out var first));
        clock.Current = Noon.AddMinutes(5);
        Assert.True(time.TryRead("2.500000", out var later));
        Assert.Equal(Noon, first);
        Assert.Equal(Noon.AddTicks(25_000_000), later);
    }

    [Fact]
    public void A_later_first_event_is_still_the_start()
    {
        // bcc's first event printed 3.2 s: the parser cannot know when it started, so that line is the start.
        var clock = new MovingClock(Noon);
        var time = new TimeColumn(clock);
        Assert.True(time.TryRead("3.200", out var first));
        Assert.Equal(Noon.AddTicks(32_000_000), first);
    }

    [Fact]
    public void StartNow_moves_the_start_and_a_time_of_day_does_not()
    {
        var clock = new MovingClock(Noon);
        var time = new TimeColumn(clock);
        time.StartNow();
        clock.Current = Noon.AddSeconds(10);
        Assert.True(time.TryRead("12:00:10", out _));
        Assert.True(time.TryRead("1.000", out var fromFirstStart));
        Assert.Equal(Noon.AddSeconds(1), fromFirstStart);
        time.StartNow();
        Assert.True(time.TryRead("1.000", out var fromSecondStart));
        Assert.Equal(Noon.AddSeconds(11), fromSecondStart);
    }

    [Theory]
    [InlineData("1.022346", 10_223_460)]
    [InlineData("0.0000001", 1)]
    [InlineData("0.00000019", 1)]
    [InlineData("3", 30_000_000)]
    public void Exact_seconds_land_on_the_printed_tick(string text, long ticks)
    {
        var time = new TimeColumn(new MovingClock(Noon), exactSeconds: true);
        Assert.True(time.TryRead(text, out var read));
        Assert.Equal(Noon.AddTicks(ticks), read);
    }

    [Theory]
    [InlineData("1.022346")]
    [InlineData("0.3")]
    [InlineData("12345.678901234")]
    public void Seconds_read_through_a_double_as_the_parsers_always_did(string text)
    {
        var time = new TimeColumn(new MovingClock(Noon));
        Assert.True(time.TryRead(text, out var read));
        Assert.Equal(Noon + TimeSpan.FromSeconds(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), read);
    }

    [Theory]
    [InlineData("300000000000.0")]
    [InlineData("99999999999999.5")]
    [InlineData("999999999999999999999999.5")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    public void Seconds_no_date_can_hold_or_that_are_not_seconds_do_not_read(string text)
    {
        Assert.False(new TimeColumn(new MovingClock(Noon)).TryRead(text, out _));
        Assert.False(new TimeColumn(new MovingClock(Noon), exactSeconds: true).TryRead(text, out _));
    }

    [Fact]
    public void A_line_without_the_column_is_dated_by_its_arrival()
    {
        var clock = new MovingClock(Noon);
        var time = new TimeColumn(clock);
        Assert.True(time.TryRead("1234 cat", Column.Absent, out var read));
        Assert.Equal(Noon, read);
        Assert.True(time.TryRead("x 11:00:00 y", new Column(2, 10), out read));
        Assert.Equal(new DateTime(2026, 3, 14, 11, 0, 0, DateTimeKind.Local), read);
    }

    private sealed class MovingClock(DateTime now) : TraceClock
    {
        public override DateTime Now => Current;

        public DateTime Current { get; set; } = now;
    }
}
