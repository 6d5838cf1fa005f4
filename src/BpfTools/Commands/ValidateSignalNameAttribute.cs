using System.Management.Automation;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>Rejects a signal name the module cannot turn into a number (every backend takes the number).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateSignalNameAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is string name && !SignalName.TryNumber(name, out _))
        {
            throw new ValidationMetadataException(
                $"'{name}' is not a signal name; use one of: {string.Join(", ", SignalName.Standard)}, SIGRTMIN, SIGRTMIN+1 ... SIGRTMAX.");
        }
    }
}
