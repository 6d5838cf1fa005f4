using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Pictures;

/// <summary>
/// The pictures of one host's part of a report: the histograms as bar charts (each tool and key summed over its
/// windows), a heat map per tool and unit where the histograms form a series, and the flame graph of stack
/// samples. The SVGs are those of ConvertTo-BpfHeatMap and ConvertTo-BpfFlameGraph.
/// </summary>
internal static partial class ReportPictures
{
    /// <summary>Charts drawn per host and kind; the page says how many more there were.</summary>
    internal const int MaxCharts = 12;

    public static void Write(StringBuilder html, ReportSection section, ReportHostPart part, string host, HashSet<string> scripts)
    {
        if (part.Histograms.Count > 0)
        {
            WriteHistograms(html, part, host);
        }
        if (part.Flame is { } flame)
        {
            var unit = part.OffCpu && !part.Cpu ? "us" : "samples";
            var title = $"{(part.OffCpu && !part.Cpu ? "Off-CPU Time" : "CPU")} Flame Graph, {host}";
            var svg = FlameGraphSvg.Write(flame, new FlameGraphOptions(title, unit));
            // Its own document, so its script finds its frames (ids and document.documentElement) as in the .svg file.
            var script = ScriptText().Match(svg);
            if (script.Success)
            {
                scripts.Add(script.Groups[1].Value);
            }
            var height = Height().Match(svg).Groups[1].Value;
            html.Append(CultureInfo.InvariantCulture, $"<iframe class=\"flame\" title=\"{SvgText.Escape(title)}\" height=\"{height}\" src=\"data:image/svg+xml;base64,")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\"></iframe>\n");
        }
    }

    private static void WriteHistograms(StringBuilder html, ReportHostPart part, string host)
    {
        foreach (var series in part.Histograms.GroupBy(h => (h.Tool, h.Unit)))
        {
            var windows = series.Select(h => (h.Start, h.End)).Distinct().Count();
            if (windows > 1 && HeatMapLayout.Create([.. series], out _) is { } map)
            {
                var svg = HeatMapSvg.Write(map, $"{series.Key.Tool} heat map, {host}", 900);
                // Inline SVG needs neither the XML declaration nor the namespace: the HTML parser supplies it.
                html.Append(svg[(svg.IndexOf("<svg", StringComparison.Ordinal))..].Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal));
            }
        }
        var charts = part.Histograms.GroupBy(h => (h.Tool, h.Unit, h.KeyKind, h.Key)).ToList();
        foreach (var chart in charts.Take(MaxCharts))
        {
            var list = chart.ToList();
            var sum = list.Count == 1 ? list[0] : HistogramMerge.Merge(list, out var mismatch) is var merged && mismatch is null ? merged : list[^1];
            WriteChart(html, sum, list.Count);
        }
        if (charts.Count > MaxCharts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"cap\">{charts.Count - MaxCharts} more histogram keys are not charted (the first {MaxCharts} are); the table lists them.</p>\n");
        }
        if (part.HistogramsLeftOut > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"cap\">{SvgText.Count(part.HistogramsLeftOut)} histograms came after the first {SvgText.Count(part.Histograms.Count)} and are not drawn.</p>\n");
        }
    }

    private static void WriteChart(StringBuilder html, BpfHistogram histogram, int windows)
    {
        var used = histogram.Buckets.Where(b => b.Count > 0).ToList();
        var key = histogram.Key.Length > 0 ? $" {histogram.KeyKind} {histogram.Key}" : "";
        var span = windows > 1 ? $"{windows} windows summed" : histogram.Window;
        html.Append("<table class=\"chart\"><caption>").Append(SvgText.Escape($"{histogram.Tool}{key}, {span}"))
            .Append("</caption><thead><tr><th>").Append(SvgText.Escape(histogram.Unit)).Append("</th><th>count</th><th>distribution</th></tr></thead><tbody>");
        if (used.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">no values</td></tr>");
        }
        var max = used.Count == 0 ? 1 : used.Max(b => b.Count);
        foreach (var bucket in histogram.Buckets.Where(b => used.Count > 0 && b.Low >= used[0].Low && b.Low <= used[^1].Low))
        {
            var width = (int)Math.Round(240.0 * bucket.Count / max);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{bucket.Low} -&gt; {bucket.High}</td><td class=\"n\">{SvgText.Count(bucket.Count)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><span class=\"bar\" style=\"width:{width}px\"></span></td></tr>");
        }
        html.Append("</tbody></table>\n");
    }

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline)]
    private static partial Regex ScriptText();

    [GeneratedRegex("<svg[^>]* height=\"([0-9.]+)\"")]
    private static partial Regex Height();
}
