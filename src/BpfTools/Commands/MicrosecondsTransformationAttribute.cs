namespace BpfTools.Commands;

/// <summary>
/// Lets a delay threshold take microseconds (10000, 250), the unit runqslower uses, as well as a TimeSpan or
/// "00:00:00.010".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class MicrosecondsTransformationAttribute : TimeSpanTransformationAttribute
{
    /// <summary>Creates one.</summary>
    public MicrosecondsTransformationAttribute()
        : base(TimeSpan.TicksPerMicrosecond, "a delay: give microseconds (10000, 250), or a TimeSpan (00:00:00.010).")
    {
    }
}
