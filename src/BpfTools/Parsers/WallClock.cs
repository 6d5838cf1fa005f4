namespace BpfTools.Parsers;

/// <summary>Turns a tool's HH:MM:SS column into a full local time.</summary>
internal static class WallClock
{
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
}
