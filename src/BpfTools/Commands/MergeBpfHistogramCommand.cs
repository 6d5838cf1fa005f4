using System.Globalization;
using System.Management.Automation;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Sums histograms with the same unit and bucket layout: intervals of one run, or runs on many hosts.</para>
/// </summary>
[Cmdlet(VerbsData.Merge, "BpfHistogram")]
[OutputType(typeof(BpfHistogram))]
public sealed class MergeBpfHistogramCommand : PSCmdlet
{
    private readonly List<BpfHistogram> _histograms = [];

    /// <summary>
    /// The histograms: BpfHistogram objects, or their deserialized copies from Invoke-Command or Import-Clixml.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>Sum each key (disk, process) separately instead of all together.</summary>
    [Parameter]
    public SwitchParameter ByKey { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var item in InputObject)
        {
            if (ToHistogram(item) is { } histogram)
            {
                _histograms.Add(histogram);
            }
            else
            {
                WriteError(new Problem(BpfErrorId.NotAHistogram, ErrorCategory.InvalidArgument,
                    $"Merge-BpfHistogram takes histograms (from Get-BpfDiskLatency, Get-BpfRunQueueLatency...) with their buckets, not {item.BaseObject.GetType().Name}.",
                    "Pipe only BpfHistogram objects; when they were serialized (Export-Clixml), keep a -Depth of 2 or more.").ToErrorRecord(item));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var groups = ByKey ? _histograms.GroupBy(h => (h.KeyKind, h.Key)).Select(g => g.ToList()) : [_histograms];
        foreach (var group in groups.Where(g => g.Count > 0))
        {
            var merged = HistogramMerge.Merge(group, out var mismatch);
            if (mismatch is not null)
            {
                WriteError(new Problem(BpfErrorId.HistogramMismatch, ErrorCategory.InvalidData, mismatch,
                    "Merge histograms from the same tool with the same options (unit, backend).").ToErrorRecord(group));
                continue;
            }
            WriteObject(merged);
        }
    }

    /// <summary>A histogram from a live object, or rebuilt from the properties of a deserialized one.</summary>
    private static BpfHistogram? ToHistogram(PSObject item)
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
