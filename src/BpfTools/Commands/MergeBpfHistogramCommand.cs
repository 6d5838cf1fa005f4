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
            if (HistogramObject.From(item) is { } histogram)
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
}
