using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>Rejects a -Property list that names a property twice: an object cannot have two properties of one name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateUniqueNamesAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is not string[] names)
        {
            return;
        }
        // PowerShell's property names ignore case: Path and path are the same property.
        var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ValidationMetadataException($"The name {repeated.Key} is given more than once; each property needs a name of its own.");
        }
    }
}
