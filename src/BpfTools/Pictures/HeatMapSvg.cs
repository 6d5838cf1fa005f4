using System.Globalization;
using System.Text;

namespace BpfTools.Pictures;

/// <summary>
/// Writes a latency heat map as one self-contained SVG: time across, one column per window; buckets up, lowest
/// at the bottom; each cell coloured by its count, with a hover title; axes, their units and a colour scale.
/// Empty and missing windows draw nothing, so they show as gaps.
/// </summary>
internal static class HeatMapSvg
{
    private const double Left = 80;
    private const double Right = 110;
    private const double Top = 46;
    private const double Bottom = 52;

    // Light yellow to dark red (ColorBrewer YlOrRd): readable on white, and a count of 1 still shows.
    private static readonly (int R, int G, int B)[] Scale = [(255, 237, 160), (254, 178, 76), (253, 141, 60), (240, 59, 32), (189, 0, 38)];

    public static string Write(HeatMapLayout map, string title, int width)
    {
        var rowHeight = map.Rows.Count == 0 ? 20 : Math.Clamp(360.0 / map.Rows.Count, 10, 24);
        var plotHeight = Math.Max(1, map.Rows.Count) * rowHeight;
        var plotWidth = width - Left - Right;
        var height = Top + plotHeight + Bottom;
        var (from, to) = map.Span;
        var seconds = Math.Max(1e-6, (to - from).TotalSeconds);
        double X(DateTime t) => Left + ((t - from).TotalSeconds / seconds * plotWidth);
        var max = Math.Max(1, map.MaxCount);

        var svg = new StringBuilder(2048 + (map.Columns.Count * map.Rows.Count * 160));
        svg.Append("<?xml version=\"1.0\" standalone=\"no\"?>\n")
            .Append(CultureInfo.InvariantCulture, $"<svg version=\"1.1\" width=\"{width}\" height=\"{SvgText.Number(height)}\" viewBox=\"0 0 {width} {SvgText.Number(height)}\" xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\">\n")
            .Append("<style>text{font-family:Verdana,sans-serif;font-size:11px;fill:#000}#title{font-size:16px;text-anchor:middle}")
            .Append(".ylabel{text-anchor:end}.xlabel{text-anchor:middle}.cell:hover{stroke:#000;stroke-width:1}</style>\n")
            .Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#f4f4f4\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text id=\"title\" x=\"{SvgText.Number(width / 2.0)}\" y=\"24\">{SvgText.Escape(title)}</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<rect id=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{SvgText.Number(plotWidth)}\" height=\"{SvgText.Number(plotHeight)}\" fill=\"#fff\" stroke=\"#999\"/>\n");
        double RowY(int row) => Top + plotHeight - ((row + 1) * rowHeight);

        var every = Math.Max(1, (int)Math.Ceiling(14 / rowHeight));
        for (var row = 0; row < map.Rows.Count; row += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ylabel\" x=\"{Left - 4}\" y=\"{SvgText.Number(RowY(row) + (rowHeight / 2) + 4)}\">{map.Rows[row].Low}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text id=\"yaxis\" transform=\"rotate(-90)\" x=\"{SvgText.Number(-(Top + (plotHeight / 2)))}\" y=\"14\" style=\"text-anchor:middle\">{SvgText.Escape(map.Unit)} (log2 buckets, lower bound)</text>\n");
        var step = TickStep(seconds);
        for (var tick = Math.Ceiling((from - from.Date).TotalSeconds / step) * step; from.Date.AddSeconds(tick) <= to; tick += step)
        {
            var at = from.Date.AddSeconds(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{SvgText.Number(X(at))}\" x2=\"{SvgText.Number(X(at))}\" y1=\"{SvgText.Number(Top + plotHeight)}\" y2=\"{SvgText.Number(Top + plotHeight + 4)}\" stroke=\"#000\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{SvgText.Number(X(at))}\" y=\"{SvgText.Number(Top + plotHeight + 16)}\">{at:HH:mm:ss}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text id=\"xaxis\" class=\"xlabel\" x=\"{SvgText.Number(Left + (plotWidth / 2))}\" y=\"{SvgText.Number(height - 10)}\">time ({from:yyyy-MM-dd}{(from.Kind == DateTimeKind.Utc ? " UTC" : "")}), one column per window</text>\n");

        svg.Append("<g id=\"columns\">\n");
        foreach (var column in map.Columns)
        {
            var x = X(column.Start);
            var w = Math.Max(1, X(column.End) - x);
            var window = $"{column.Start:HH:mm:ss.fff} to {column.End:HH:mm:ss.fff}";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"col\" data-start=\"{column.Start:O}\" data-end=\"{column.End:O}\" data-count=\"{column.Total}\"><title>{window}: {SvgText.Count(column.Total)} values</title>");
            for (var row = 0; row < column.Counts.Length; row++)
            {
                if (column.Counts[row] == 0)
                {
                    continue;
                }
                var (low, high) = map.Rows[row];
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"cell\" x=\"{SvgText.Number(x)}\" y=\"{SvgText.Number(RowY(row))}\" width=\"{SvgText.Number(w)}\" height=\"{SvgText.Number(rowHeight)}\" fill=\"{Colour(column.Counts[row], max)}\" data-count=\"{column.Counts[row]}\">")
                    .Append(CultureInfo.InvariantCulture, $"<title>{window}, {low} to {high} {SvgText.Escape(map.Unit)}: {SvgText.Count(column.Counts[row])}</title></rect>");
            }
            svg.Append("</g>\n");
        }
        svg.Append("</g>\n");
        WriteScale(svg, width, max);
        return svg.Append("</svg>\n").ToString();
    }

    private static void WriteScale(StringBuilder svg, int width, long max)
    {
        var x = width - Right + 20;
        const int Steps = 10;
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"scale\"><text x=\"{x}\" y=\"{Top - 6}\">count</text>");
        for (var i = 0; i < Steps; i++)
        {
            // The top swatch is the largest count.
            var count = Math.Max(1, (long)Math.Round(max * (Steps - i) / (double)Steps));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Top + (i * 16)}\" width=\"16\" height=\"16\" fill=\"{Colour(count, max)}\"/>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{Top + 12}\">{SvgText.Count(max)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{Top + (Steps * 16) - 4}\">1</text></g>\n");
    }

    /// <summary>The colour of a cell: linear in the count between the scale's ends.</summary>
    internal static string Colour(long count, long max)
    {
        if (max <= 1)
        {
            return $"rgb({Scale[^1].R},{Scale[^1].G},{Scale[^1].B})";
        }
        var at = Math.Clamp((double)(count - 1) / Math.Max(1, max - 1), 0, 1) * (Scale.Length - 1);
        var i = Math.Min((int)at, Scale.Length - 2);
        var f = at - i;
        int Mix(int a, int b) => (int)Math.Round(a + ((b - a) * f));
        return $"rgb({Mix(Scale[i].R, Scale[i + 1].R)},{Mix(Scale[i].G, Scale[i + 1].G)},{Mix(Scale[i].B, Scale[i + 1].B)})";
    }

    // Seconds between time labels: a round step giving about ten labels at most.
    private static double TickStep(double seconds) =>
        new double[] { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400 }
            .FirstOrDefault(s => seconds / s <= 10, 86400 * Math.Ceiling(seconds / 86400 / 10));
}
