namespace BpfTools.Commands;

/// <summary>Lets -Duration take seconds (10, 2.5) as well as a TimeSpan or "00:01:00".</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class DurationTransformationAttribute : TimeSpanTransformationAttribute
{
    /// <summary>Creates one.</summary>
    public DurationTransformationAttribute()
        : base(TimeSpan.TicksPerSecond, "a duration: give seconds (10), or a TimeSpan (00:00:10).")
    {
    }
}
