namespace BpfTools.Parsers;

/// <summary>
/// Turns a tool's TIME column into a local <see cref="DateTime"/>, in either form the tools print: a time of day,
/// "HH:MM:SS" (libbpf-tools, bcc's -T), placed on the date the line arrived; or seconds since a start, "1.022346"
/// (bcc's -t, execsnoop, biosnoop), added to the moment this parser took for that start. One per parser: it holds
/// that start. The clock it reads is <see cref="TraceClock"/>.
/// </summary>
internal sealed class TimeColumn
{
    private readonly TraceClock _clock;
    private readonly bool _exactSeconds;
    private DateTime? _start;

    // The last time of day placed, and on which arrival: the lines of one read share their arrival, and most of them
    // their printed second, so most lines are placed where the line before was.
    private TimeSpan _placedTimeOfDay = TimeSpan.MinValue;
    private DateTime _placedArrival;
    private DateTime _placed;

    /// <summary>Creates the reader of one parser's time column.</summary>
    /// <param name="clock">The wall clock: the arrival of a line, and the start seconds count from.</param>
    /// <param name="exactSeconds">
    /// Seconds to the tick as printed (biosnoop's parser always read them so); otherwise through a double, as the
    /// other parsers always did, which can land a tick (100 ns) short. Kept apart so that no timestamp moves.
    /// </param>
    public TimeColumn(TraceClock clock, bool exactSeconds = false)
    {
        _clock = clock;
        _exactSeconds = exactSeconds;
    }

    /// <summary>
    /// Seconds count from now on. For a tool whose header comes right after its probes attach, next to its own
    /// time zero (execsnoop). Without it, seconds count from the first line read in seconds: bcc's tools count
    /// from their first event.
    /// </summary>
    public void StartNow() => _start = _clock.Now;

    /// <summary>
    /// The time in <paramref name="text"/>: a time of day when it has the shape of "HH:MM:SS", else seconds since
    /// the start; false when it does not read.
    /// </summary>
    public bool TryRead(ReadOnlySpan<char> text, out DateTime time) =>
        text.Length == 8 && text[2] == ':'
            ? TryReadTimeOfDayArrived(text, out time)
            : TryReadSeconds(text, out time);

    /// <summary>"HH:MM:SS" placed by <see cref="AtTimeOfDay"/> on the line's arrival; false when it is not a time of day.</summary>
    private bool TryReadTimeOfDayArrived(ReadOnlySpan<char> text, out DateTime time)
    {
        time = default;
        if (!TryReadTimeOfDay(text, out var timeOfDay))
        {
            return false;
        }
        var arrival = _clock.Arrival;
        if (timeOfDay != _placedTimeOfDay || arrival != _placedArrival)
        {
            (_placedTimeOfDay, _placedArrival, _placed) = (timeOfDay, arrival, AtTimeOfDay(timeOfDay, arrival));
        }
        time = _placed;
        return true;
    }

    /// <summary>
    /// The time in <paramref name="column"/> of <paramref name="line"/>, as <see cref="TryRead(ReadOnlySpan{char}, out DateTime)"/>
    /// reads it; a line without the column (the tool ran without its time option) is dated by its arrival, the
    /// best time there is for a line printed as its event ends.
    /// </summary>
    public bool TryRead(ReadOnlySpan<char> line, Column column, out DateTime time)
    {
        if (!column.IsPresent)
        {
            time = _clock.Arrival;
            return true;
        }
        return TryRead(column.In(line), out time);
    }

    /// <summary>
    /// "HH:MM:SS" on the date of <paramref name="arrival"/> (the line's): see <see cref="AtTimeOfDay"/>; false when
    /// the text is not a time of day.
    /// </summary>
    public static bool TryPlaceTimeOfDay(ReadOnlySpan<char> text, DateTime arrival, out DateTime time)
    {
        time = default;
        if (!TryReadTimeOfDay(text, out var timeOfDay))
        {
            return false;
        }
        time = AtTimeOfDay(timeOfDay, arrival);
        return true;
    }

    /// <summary>
    /// Reads "HH:MM:SS" as <c>TimeSpan.ParseExact(text, @"hh\:mm\:ss")</c> would (hours to 23, minutes and seconds
    /// to 59), without a string: false when it is not a time of day.
    /// </summary>
    public static bool TryReadTimeOfDay(ReadOnlySpan<char> text, out TimeSpan timeOfDay)
    {
        timeOfDay = TimeSpan.Zero;
        if (text.Length != 8 || text[2] != ':' || text[5] != ':'
            || !TryTwoDigits(text[0], text[1], 23, out var hours)
            || !TryTwoDigits(text[3], text[4], 59, out var minutes)
            || !TryTwoDigits(text[6], text[7], 59, out var seconds))
        {
            return false;
        }
        timeOfDay = new TimeSpan(hours, minutes, seconds);
        return true;
    }

    /// <summary>
    /// The printed second on the date of <paramref name="arrival"/>. When the arrival falls within that second, the
    /// arrival itself is kept: the same instant, with milliseconds.
    /// </summary>
    public static DateTime AtTimeOfDay(TimeSpan timeOfDay, DateTime arrival)
    {
        var printed = arrival.Date + timeOfDay;
        if (printed - arrival > TimeSpan.FromHours(12))
        {
            // Printed just before midnight, read just after.
            printed = printed.AddDays(-1);
        }
        var lag = arrival - printed;
        return lag >= TimeSpan.Zero && lag < TimeSpan.FromSeconds(1) ? arrival : printed;
    }

    /// <summary>The start plus the printed seconds, or false for text that is not seconds or an offset no date can hold.</summary>
    private bool TryReadSeconds(ReadOnlySpan<char> text, out DateTime time)
    {
        var start = _start ??= _clock.Now;
        time = default;
        if (_exactSeconds)
        {
            return DecimalText.TryScaleTruncated(text, TimeSpan.TicksPerSecond, out var ticks) && TryAddTicks(start, ticks, out time);
        }
        // Also false for NaN, which the tools never print; the check keeps TimeSpan.FromSeconds from throwing.
        return DecimalText.TryDouble(text, out var seconds)
            && seconds * TimeSpan.TicksPerSecond < long.MaxValue
            && TryAddTicks(start, TimeSpan.FromSeconds(seconds).Ticks, out time);
    }

    // A garbled line can print an offset past DateTime's range, where AddTicks would throw.
    private static bool TryAddTicks(DateTime start, long ticks, out DateTime time)
    {
        time = start;
        if (ticks > DateTime.MaxValue.Ticks - start.Ticks || ticks < -start.Ticks)
        {
            return false;
        }
        time = start.AddTicks(ticks);
        return true;
    }

    private static bool TryTwoDigits(char tens, char units, int max, out int value)
    {
        value = (tens - '0') * 10 + (units - '0');
        return char.IsAsciiDigit(tens) && char.IsAsciiDigit(units) && value <= max;
    }
}
