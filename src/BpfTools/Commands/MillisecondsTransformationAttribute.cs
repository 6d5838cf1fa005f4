namespace BpfTools.Commands;

/// <summary>
/// Lets a latency threshold take milliseconds (10, 0.5), the unit the tools use, as well as a TimeSpan or
/// "00:00:00.010".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class MillisecondsTransformationAttribute : TimeSpanTransformationAttribute
{
    /// <summary>Creates one.</summary>
    public MillisecondsTransformationAttribute()
        : base(TimeSpan.TicksPerMillisecond, "a latency: give milliseconds (10, 0.5), or a TimeSpan (00:00:00.010).")
    {
    }
}
