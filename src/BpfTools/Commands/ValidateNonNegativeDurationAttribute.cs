using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>Rejects a negative threshold (-MinLatency) before anything starts; zero is allowed and means "all".</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateNonNegativeDurationAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is TimeSpan span && span < TimeSpan.Zero)
        {
            throw new ValidationMetadataException($"The latency cannot be negative; {span} is. Use 0 for every operation.");
        }
    }
}
