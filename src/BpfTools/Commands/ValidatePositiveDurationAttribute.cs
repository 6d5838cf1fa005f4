using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>Rejects a zero, negative or absurdly long -Duration before anything starts.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidatePositiveDurationAttribute : ValidateArgumentsAttribute
{
    /// <summary>The longest -Duration accepted.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is TimeSpan span && span <= TimeSpan.Zero)
        {
            throw new ValidationMetadataException($"The duration must be positive; {span} is not.");
        }
        // Timers take at most int.MaxValue milliseconds (24.8 days); tracing tools are meant for seconds to minutes.
        if (arguments is TimeSpan longSpan && longSpan > Longest)
        {
            throw new ValidationMetadataException($"The duration can be at most {Longest.TotalDays} days; {longSpan} is longer.");
        }
    }
}
