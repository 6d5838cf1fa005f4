using System.Collections;
using System.Globalization;
using System.Management.Automation;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// A stack sample as the stack cmdlets read it: the process name, the stacks leaf first, and its weight (samples,
/// or for off-CPU time, <c>OffCpu</c>, microseconds blocked).
/// </summary>
internal sealed record StackSampleValues(string ProcessName, IReadOnlyList<string> UserStack, IReadOnlyList<string> KernelStack, long Count, bool OffCpu);

/// <summary>
/// A CpuStackSample or OffCpuStackSample from what the pipeline holds: the live object, or a copy that came back
/// over remoting, Import-Clixml, ConvertFrom-Json or Import-Csv (the same properties, the stacks as lists or text).
/// </summary>
internal static class StackSampleObject
{
    /// <summary>The sample's values; null when the object has no ProcessName and Count (or BlockedTime).</summary>
    public static StackSampleValues? From(PSObject item)
    {
        switch (item.BaseObject)
        {
            case CpuStackSample sample:
                return new(sample.ProcessName, sample.UserStack, sample.KernelStack, sample.Count, false);
            case OffCpuStackSample offCpu:
                return new(offCpu.ProcessName, offCpu.UserStack, offCpu.KernelStack, Microseconds(offCpu.BlockedTime), true);
        }
        var name = item.Properties["ProcessName"]?.Value?.ToString();
        var samples = item.Properties["Count"]?.Value;
        var count = samples is not null ? Convert.ToInt64(samples, CultureInfo.InvariantCulture) : BlockedMicroseconds(item.Properties["BlockedTime"]?.Value);
        return name is null || count is null
            ? null
            : new(name, Frames(item, "UserStack"), Frames(item, "KernelStack"), count.Value, samples is null);
    }

    private static long Microseconds(TimeSpan time) => time.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// A copy's BlockedTime: a TimeSpan (Import-Clixml), its text (Import-Csv: "00:00:01.0001200"), or the object
    /// ConvertTo-Json makes of it (ConvertFrom-Json: its Ticks); null when it is none of these.
    /// </summary>
    private static long? BlockedMicroseconds(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        TimeSpan time => Microseconds(time),
        string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) => Microseconds(time),
        _ when value is PSObject json && json.Properties["Ticks"]?.Value is { } ticks =>
            Convert.ToInt64(ticks, CultureInfo.InvariantCulture) / TimeSpan.TicksPerMicrosecond,
        _ => null,
    };

    private static string[] Frames(PSObject item, string property)
    {
        var value = item.Properties[property]?.Value;
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            string one => [one],
            IEnumerable many => [.. many.Cast<object?>().Select(f => f?.ToString() ?? "")],
            _ => [],
        };
    }
}
