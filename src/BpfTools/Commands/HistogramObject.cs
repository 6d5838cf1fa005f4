using System.Globalization;
using System.Management.Automation;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// A BpfHistogram from what the pipeline holds: the live object, or one rebuilt from the properties of a copy that
/// came back over remoting or from Import-Clixml (Deserialized.BpfTools.Records.BpfHistogram has no methods).
/// </summary>
internal static class HistogramObject
{
    /// <summary>A histogram from a live object, or rebuilt from the properties of a deserialized one.</summary>
    public static BpfHistogram? From(PSObject item)
    {
        if (item.BaseObject is BpfHistogram histogram)
        {
            return histogram;
        }
        if (item.Properties["Buckets"]?.Value is not { } buckets || item.Properties["Unit"]?.Value is not string unit)
        {
            return null;
        }
        var bucketObjects = LanguagePrimitives.GetEnumerable(buckets)?.Cast<object>().Select(PSObject.AsPSObject).ToList();
        // Serialized too shallow, buckets arrive as strings: refuse rather than sum zeros.
        if (bucketObjects is null || bucketObjects.Any(b => b.Properties["Count"] is null))
        {
            return null;
        }
        var rows = bucketObjects.Select(b => (Long(b, "Low"), Long(b, "High"), Long(b, "Count")));
        return BpfHistogram.Create(Text(item, "Tool"), Text(item, "KeyKind"), Text(item, "Key"), unit,
            Time(item, "Start"), Time(item, "End"), rows);
    }

    private static long Long(PSObject o, string name) => Convert.ToInt64(o.Properties[name]?.Value ?? 0, CultureInfo.InvariantCulture);

    private static string Text(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";

    private static DateTime Time(PSObject o, string name) => o.Properties[name]?.Value is DateTime t ? t : default;
}
