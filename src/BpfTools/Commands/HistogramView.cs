using System.Management.Automation;

namespace BpfTools.Commands;

/// <summary>
/// What the histogram's default view calls to draw its chart, from a live BpfHistogram or from a copy that came back
/// over remoting (Deserialized.BpfTools.Records.BpfHistogram), which has the properties but not the methods.
/// </summary>
public static class HistogramView
{
    /// <summary>bcc's chart of <paramref name="histogram"/>'s buckets; empty when it is not a histogram.</summary>
    public static string Chart(PSObject histogram) => HistogramObject.From(histogram)?.Render() ?? "";
}
