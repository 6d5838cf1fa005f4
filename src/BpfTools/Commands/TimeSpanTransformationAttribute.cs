using System.Globalization;
using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// Lets a TimeSpan parameter take a plain number in the unit the tools use (seconds for -Duration, milliseconds
/// for latencies), as well as a TimeSpan or its text. Without it PowerShell would read 10 as ten ticks.
/// </summary>
internal abstract class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
{
    private readonly long _ticksPerUnit;
    private readonly string _usage;

    /// <summary>Creates one whose numbers count <paramref name="ticksPerUnit"/> ticks each.</summary>
    /// <param name="ticksPerUnit">TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond...</param>
    /// <param name="usage">The end of the error message: what to give instead.</param>
    protected TimeSpanTransformationAttribute(long ticksPerUnit, string usage)
    {
        _ticksPerUnit = ticksPerUnit;
        _usage = usage;
    }

    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            TimeSpan span => span,
            int or long or short or byte or uint or ulong or double or float or decimal =>
                FromUnits(Convert.ToDouble(value, CultureInfo.InvariantCulture), value),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) => FromUnits(units, value),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
            _ => throw Unreadable(value),
        };
    }

    private TimeSpan FromUnits(double units, object? value) =>
        double.IsFinite(units) && Math.Abs(units * _ticksPerUnit) < TimeSpan.MaxValue.Ticks / 2.0
            ? TimeSpan.FromTicks((long)Math.Round(units * _ticksPerUnit))
            : throw Unreadable(value);

    private ArgumentTransformationMetadataException Unreadable(object? value) => new($"Cannot read '{value}' as {_usage}");
}
