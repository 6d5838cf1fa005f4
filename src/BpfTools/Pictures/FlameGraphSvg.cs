using System.Globalization;
using System.Text;

namespace BpfTools.Pictures;

/// <summary>How a flame graph is drawn.</summary>
internal sealed record FlameGraphOptions(string Title, string CountName, int Width = 1200, bool Inverted = false)
{
    /// <summary>Colour by change from the reference (red grew, blue shrank) rather than by kernel/user.</summary>
    public bool Differential { get; init; }
}

/// <summary>
/// Writes a flame graph as one self-contained SVG document: the boxes of a <see cref="FlameLayout"/>, their
/// labels and hover titles, and the embedded script (flamegraph.js) for details, zoom and search. No part of it
/// refers to anything outside the file.
/// </summary>
internal static class FlameGraphSvg
{
    private const double FrameHeight = 16;
    private const double Pad = 10;
    private const double Top = 48;
    private const double Bottom = 34;

    // Narrower boxes are left out, as flamegraph.pl's --minwidth: invisible, and they would swell the file.
    private const double MinWidth = 0.1;

    public static string Write(FlameLayout layout, FlameGraphOptions options)
    {
        var boxes = layout.Boxes();
        var total = Math.Max(1, layout.Total);
        var plotWidth = options.Width - (2 * Pad);
        var perUnit = plotWidth / total;
        var drawn = boxes.Where(b => b.Count * perUnit >= MinWidth).ToList();
        var maxDepth = drawn.Count == 0 ? 0 : drawn.Max(b => b.Depth);
        var height = Top + ((maxDepth + 1) * FrameHeight) + Bottom;
        var maxDelta = Math.Max(1e-9, drawn.Skip(1).Select(b => Math.Abs(b.Delta)).DefaultIfEmpty(0).Max());

        var svg = new StringBuilder(256 + (drawn.Count * 320));
        svg.Append("<?xml version=\"1.0\" standalone=\"no\"?>\n")
            .Append(CultureInfo.InvariantCulture, $"<svg version=\"1.1\" width=\"{options.Width}\" height=\"{SvgText.Number(height)}\" viewBox=\"0 0 {options.Width} {SvgText.Number(height)}\" ")
            .Append("xmlns=\"http://www.w3.org/2000/svg\" class=\"flamegraph\"")
            .Append(CultureInfo.InvariantCulture, $" data-total=\"{layout.Total}\" data-unit=\"{SvgText.Escape(options.CountName)}\" data-pad=\"{Pad}\" data-inverted=\"{(options.Inverted ? 1 : 0)}\">\n")
            .Append("<style>text{font-family:Verdana,sans-serif;font-size:12px;fill:#000}#title{font-size:17px;text-anchor:middle}")
            .Append(".frame{cursor:pointer}.frame text{pointer-events:none}.frame:hover rect{stroke:#000;stroke-width:0.5}")
            .Append(".button{cursor:pointer}.hide{display:none}.faded{opacity:0.5}#matched{text-anchor:end}#search{text-anchor:end}</style>\n")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#f4f4f4\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text id=\"title\" x=\"{SvgText.Number(options.Width / 2.0)}\" y=\"24\">{SvgText.Escape(options.Title)}</text>\n");
        if (options.Differential)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text id=\"subtitle\" x=\"{SvgText.Number(options.Width / 2.0)}\" y=\"40\" style=\"text-anchor:middle\">")
                .Append("red: more than the reference, blue: less (reference scaled to the same total)</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text id=\"unzoom\" class=\"button hide\" x=\"{Pad}\" y=\"24\">Reset Zoom</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text id=\"search\" class=\"button\" x=\"{SvgText.Number(options.Width - Pad)}\" y=\"24\">Search</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text id=\"details\" x=\"{Pad}\" y=\"{SvgText.Number(height - 12)}\"> </text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text id=\"matched\" x=\"{SvgText.Number(options.Width - Pad)}\" y=\"{SvgText.Number(height - 12)}\"> </text>\n")
            .Append("<g id=\"frames\">\n");
        foreach (var box in drawn)
        {
            var x = Pad + (box.Start * perUnit);
            var width = box.Count * perUnit;
            var y = options.Inverted ? Top + (box.Depth * FrameHeight) : height - Bottom - ((box.Depth + 1) * FrameHeight);
            var name = SvgText.Escape(box.Name);
            var fill = options.Differential ? DeltaColour(box.Delta, maxDelta) : FrameColour(box);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"frame\" data-n=\"{name}\" data-s=\"{box.Start}\" data-c=\"{box.Count}\" data-d=\"{box.Depth}\" data-k=\"{(box.Kind == FrameKind.Kernel ? 'k' : 'u')}\">")
                .Append("<title>").Append(Details(box, layout.Total, options)).Append("</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{SvgText.Number(x)}\" y=\"{SvgText.Number(y)}\" width=\"{SvgText.Number(width)}\" height=\"{FrameHeight - 1}\" fill=\"{fill}\" rx=\"2\" ry=\"2\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{SvgText.Number(x + 3)}\" y=\"{SvgText.Number(y + 11.5)}\">{SvgText.Escape(SvgText.Fit(box.Name, width))}</text></g>\n");
        }
        svg.Append("</g>\n<script type=\"text/ecmascript\"><![CDATA[\n").Append(Script.Value).Append("\n]]></script>\n</svg>\n");
        return svg.ToString();
    }

    private static string Details(FlameBox box, long total, FlameGraphOptions options)
    {
        var percent = 100.0 * box.Count / Math.Max(1, total);
        var text = $"{SvgText.Escape(box.Name)}{(box.Kind == FrameKind.Kernel ? " [kernel]" : "")} ({SvgText.Count(box.Count)} {SvgText.Escape(options.CountName)}, {percent.ToString("0.00", CultureInfo.InvariantCulture)}%";
        if (options.Differential)
        {
            var change = 100.0 * box.Delta / Math.Max(1, total);
            text += $"; {change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)}%";
        }
        return text + ")";
    }

    /// <summary>
    /// flamegraph.pl's palettes: user frames "hot" (red to yellow), kernel frames "aqua", each varied by a hash
    /// of the name so neighbours differ and the same function keeps its colour from one graph to the next.
    /// </summary>
    internal static string FrameColour(FlameBox box)
    {
        var v = NameHash(box.Name);
        return box.Kind == FrameKind.Kernel
            ? Rgb(50 + (int)(60 * v), 165 + (int)(55 * v), 165 + (int)(55 * v))
            : Rgb(205 + (int)(50 * v), (int)(230 * NameHash(box.Name + "\u0001")), (int)(55 * v));
    }

    /// <summary>Gregg's differential colours: red where the frame grew, blue where it shrank, paler the smaller the change.</summary>
    internal static string DeltaColour(double delta, double maxDelta)
    {
        // Scaling leaves rounding dust (1e-14) on frames that did not change: those are not a change.
        if (Math.Abs(delta) < maxDelta * 1e-9)
        {
            return Rgb(250, 250, 250);
        }
        var pale = (int)Math.Round(210 * (1 - Math.Min(1, Math.Abs(delta) / maxDelta)));
        return delta > 0 ? Rgb(255, pale, pale) : delta < 0 ? Rgb(pale, pale, 255) : Rgb(250, 250, 250);
    }

    private static string Rgb(int r, int g, int b) => $"rgb({r},{g},{b})";

    // FNV-1a: string.GetHashCode differs from run to run, and a frame's colour should not.
    private static double NameHash(string name)
    {
        uint hash = 2166136261;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (hash % 1000) / 1000.0;
    }

    private static readonly Lazy<string> Script = new(() => Resource("BpfTools.Pictures.flamegraph.js"));

    internal static string Resource(string name)
    {
        using var stream = typeof(FlameGraphSvg).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
