using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>Rejects a zero or negative -Duration (or -Interval) before anything starts.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidatePositiveDurationAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is TimeSpan span && span <= TimeSpan.Zero)
        {
            throw new ValidationMetadataException($"The duration must be positive; {span} is not.");
        }
    }
}
