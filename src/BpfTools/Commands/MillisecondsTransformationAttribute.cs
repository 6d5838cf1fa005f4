using System.Globalization;
using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// Lets a latency threshold take milliseconds (10, 0.5), the unit the tools use, as well as a TimeSpan or
/// "00:00:00.010". Without it PowerShell would read 10 as ten ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MillisecondsTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            TimeSpan span => span,
            int or long or short or byte or uint or ulong or double or float or decimal =>
                FromMilliseconds(Convert.ToDouble(value, CultureInfo.InvariantCulture), value),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) => FromMilliseconds(ms, value),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
            _ => throw Unreadable(value),
        };
    }

    private static TimeSpan FromMilliseconds(double milliseconds, object? value) =>
        double.IsFinite(milliseconds) && Math.Abs(milliseconds) < TimeSpan.MaxValue.TotalMilliseconds / 2
            ? TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond))
            : throw Unreadable(value);

    private static ArgumentTransformationMetadataException Unreadable(object? value) =>
        new($"Cannot read '{value}' as a latency: give milliseconds (10, 0.5), or a TimeSpan (00:00:00.010).");
}
