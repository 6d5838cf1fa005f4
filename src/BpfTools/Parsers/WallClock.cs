namespace BpfTools.Parsers;

/// <summary>Turns a tool's HH:MM:SS column into a full local time.</summary>
internal static class WallClock
{
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
    /// The printed second on the date of <paramref name="now"/> (the line's arrival). When the arrival falls
    /// within that second, the arrival time itself is kept: the same instant, with milliseconds.
    /// </summary>
    public static DateTime AtTimeOfDay(TimeSpan timeOfDay, DateTime now)
    {
        var printed = now.Date + timeOfDay;
        if (printed - now > TimeSpan.FromHours(12))
        {
            // Printed just before midnight, read just after.
            printed = printed.AddDays(-1);
        }
        var lag = now - printed;
        return lag >= TimeSpan.Zero && lag < TimeSpan.FromSeconds(1) ? now : printed;
    }

    private static bool TryTwoDigits(char tens, char units, int max, out int value)
    {
        value = (tens - '0') * 10 + (units - '0');
        return char.IsAsciiDigit(tens) && char.IsAsciiDigit(units) && value <= max;
    }
}
