using System.Management.Automation;
using System.Text;
using BpfTools.Errors;
using BpfTools.Pictures;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Draws a series of histograms as a latency heat map over time: one self-contained SVG file.</para>
/// </summary>
/// <remarks>
/// Time runs across, one column per window (by each histogram's Start and End); the log2 buckets go up; a cell's
/// colour is its count. Histograms of the same window (several disks, or hosts not merged) are summed. A window
/// with no values, or missing from the series, is a gap.
/// </remarks>
[Cmdlet(VerbsData.ConvertTo, "BpfHeatMap")]
[OutputType(typeof(string))]
public sealed class ConvertToBpfHeatMapCommand : PSCmdlet
{
    private readonly List<BpfHistogram> _histograms = [];

    /// <summary>
    /// The histograms: BpfHistogram objects from an -Interval run (or merged with Merge-BpfHistogram), or their
    /// deserialized copies from Invoke-Command or Import-Clixml.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>The title above the map; by default the tool and the key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>The width of the picture in pixels.</summary>
    [Parameter]
    [ValidateRange(300, 20000)]
    public int Width { get; set; } = 1000;

    /// <summary>Writes the SVG to this file instead of to the pipeline.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

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
                    $"ConvertTo-BpfHeatMap takes histograms (from Get-BpfDiskLatency -Interval, Get-BpfRunQueueLatency -Interval...) with their buckets, not {item.BaseObject.GetType().Name}.",
                    "Pipe only BpfHistogram objects; when they were serialized (Export-Clixml), keep a -Depth of 2 or more.").ToErrorRecord(item));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (HeatMapLayout.Create(_histograms, out var mismatch) is not { } map)
        {
            WriteError(new Problem(BpfErrorId.HistogramMismatch, ErrorCategory.InvalidData, mismatch!,
                "Draw one kind of histogram per heat map: filter the series with Where-Object Unit -eq ...").ToErrorRecord(_histograms));
            return;
        }
        var svg = HeatMapSvg.Write(map, Title ?? DefaultTitle(), Width);
        if (Path is null)
        {
            WriteObject(svg);
            return;
        }
        File.WriteAllText(GetUnresolvedProviderPathFromPSPath(Path), svg, new UTF8Encoding(false));
    }

    private string DefaultTitle()
    {
        var tools = string.Join(", ", _histograms.Select(h => h.Tool).Distinct(StringComparer.Ordinal));
        var keys = _histograms.Select(h => h.Key).Distinct(StringComparer.Ordinal).ToList();
        var key = keys.Count == 1 && keys[0].Length > 0 ? $" ({keys[0]})" : keys.Count > 1 ? $" ({keys.Count} keys summed)" : "";
        return $"{tools} heat map{key}".Trim();
    }
}
