namespace BpfTools.Parsers;

/// <summary>
/// Dates a tool's "seconds since start" column: the start plus the printed offset, or false for an offset no date
/// can hold (a garbled line), where the arithmetic would throw.
/// </summary>
internal static class RelativeTime
{
    /// <summary><c>start + TimeSpan.FromSeconds(seconds)</c>, when it is a date.</summary>
    public static bool TryAddSeconds(DateTime start, double seconds, out DateTime time)
    {
        time = start;
        // Also false for NaN, which the tools never print.
        if (!(seconds * TimeSpan.TicksPerSecond < long.MaxValue))
        {
            return false;
        }
        return TryAddTicks(start, TimeSpan.FromSeconds(seconds).Ticks, out time);
    }

    /// <summary><c>start + TimeSpan.FromTicks(ticks)</c>, when it is a date.</summary>
    public static bool TryAddTicks(DateTime start, long ticks, out DateTime time)
    {
        time = start;
        if (ticks > DateTime.MaxValue.Ticks - start.Ticks || ticks < -start.Ticks)
        {
            return false;
        }
        time = start.AddTicks(ticks);
        return true;
    }
}
