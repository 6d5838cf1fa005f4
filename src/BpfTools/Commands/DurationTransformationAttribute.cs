using System.Globalization;
using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// Lets -Duration take seconds (10, 2.5) as well as a TimeSpan or "00:01:00". Without it PowerShell
/// would read 10 as ten ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            TimeSpan span => span,
            int or long or short or byte or uint or ulong => TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            double or float or decimal => TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
            _ => throw new ArgumentTransformationMetadataException(
                $"Cannot read '{value}' as a duration: give seconds (10), or a TimeSpan (00:00:10)."),
        };
    }
}
