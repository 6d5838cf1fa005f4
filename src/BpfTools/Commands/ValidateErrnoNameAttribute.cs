using System.Management.Automation;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>Rejects an errno name the module cannot turn into a number (the bpftrace backend needs the number).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateErrnoNameAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is string name && !Errno.TryNumber(name, out _))
        {
            throw new ValidationMetadataException(
                $"'{name}' is not an errno name this module knows; use one of: {string.Join(", ", Errno.Names)}.");
        }
    }
}
