using System.Globalization;
using System.Xml.Linq;
using BpfTools.Pictures;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// The pictures as a person sees them, in real headless Chromium: a screenshot with the expected colours where the
/// frames and cells are, and the DOM after the scripts ran (search and zoom driven through the address). Few and
/// shared, as Chromium is slow on this machine.
/// </summary>
public sealed class ChromiumRenderingTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("bpftools-pictures-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Save(string name, string svg)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, svg);
        return path;
    }

    private static int Height(string svg) => (int)Math.Ceiling(double.Parse((string)XDocument.Parse(svg).Root!.Attribute("height")!, CultureInfo.InvariantCulture));

    private static bool Hot((byte R, byte G, byte B) p) => p.R >= 205 && p.B <= 55 && p.G <= 230;

    private static bool Aqua((byte R, byte G, byte B) p) => p.R is >= 50 and <= 110 && p.G is >= 165 and <= 220 && Math.Abs(p.G - p.B) <= 2;

    private static bool Purple((byte R, byte G, byte B) p) => p is { R: 230, G: 0, B: 230 };

    [ChromiumFact]
    public void A_cpu_flame_graph_shows_user_and_kernel_frames_and_highlights_a_search()
    {
        // The captured profile of burnprof42: user frames (hot colours) and one sample in the kernel (aqua).
        var svg = FlameGraphSvg.Write(FlameGraphTests.Layout(FlameGraphTests.Profile()), new FlameGraphOptions("profile", "samples"));
        var height = Height(svg);
        var shot = Chromium.Screenshot(Save("cpu.svg", svg), "?s=burnprof42", 1200, height);

        Assert.True(shot.Count(Hot) > 20_000, $"hot (user) pixels: {shot.Count(Hot)}");
        Assert.True(shot.Count(Aqua) > 1_000, $"aqua (kernel) pixels: {shot.Count(Aqua)}");
        // burnprof42 is the frame above "all", across the whole width: its row turns purple.
        var rowTop = height - 34 - (2 * 16);
        Assert.True(shot.Count(Purple, 10, rowTop, 1190, rowTop + 15) > 1180 * 12, "the searched frame's row is purple");
        Assert.Equal(0, shot.Count(Purple, 0, 0, 1200, rowTop - 1));
    }

    [ChromiumFact]
    public void A_cpu_flame_graph_zooms_and_searches_through_its_address()
    {
        var svg = FlameGraphSvg.Write(FlameGraphTests.Layout(FlameGraphTests.Profile()), new FlameGraphOptions("profile", "samples"));
        var source = Frames(XDocument.Parse(svg));
        var target = source.Where(f => (string?)f.Attribute("data-n") == "0x5643356c28c0").MaxBy(f => (long)f.Attribute("data-c")!)!;
        Assert.True(Width(target) < 1000);

        var dom = XDocument.Parse(Chromium.Dom(Save("zoom.svg", svg), "?zoom=0x5643356c28c0&s=burnprof42"));
        var frames = Frames(dom);
        Assert.Equal("1", (string?)dom.Root!.Attribute("data-ready"));
        Assert.Equal(source.Count, frames.Count);
        var zoomed = frames.Single(f => (string?)f.Attribute("data-n") == "0x5643356c28c0" && (string?)f.Attribute("data-s") == (string?)target.Attribute("data-s")
            && (string?)f.Attribute("data-d") == (string?)target.Attribute("data-d"));
        Assert.Equal(1180, Width(zoomed));
        Assert.Contains(frames, f => ((string?)f.Attribute("class"))!.Contains("hide", StringComparison.Ordinal));
        var matches = frames.Where(f => ((string?)f.Attribute("class"))!.Contains("match", StringComparison.Ordinal)).ToList();
        Assert.Equal("burnprof42", (string?)Assert.Single(matches).Attribute("data-n"));
        Assert.StartsWith("Matched: 100.00%", dom.Descendants(Svg + "text").Single(t => (string?)t.Attribute("id") == "matched").Value, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void A_differential_flame_graph_is_red_where_it_grew_and_blue_where_it_shrank()
    {
        var lines = Fixtures.Lines("bcc-examples/profile-folded.txt").Where(l => l.Length > 0).ToList();
        var svg = FlameGraphSvg.Write(FlameGraphTests.Folded(lines[4..], lines[..4]), new FlameGraphOptions("diff", "samples") { Differential = true });
        var shot = Chromium.Screenshot(Save("diff.svg", svg), "", 1200, Height(svg));
        Assert.True(shot.Count(p => p is { R: 255, G: < 20, B: < 20 }) > 5_000, "func_a, which grew, is red");
        Assert.True(shot.Count(p => p is { R: < 20, G: < 20, B: 255 }) > 5_000, "func_b, which shrank, is blue");
    }

    [ChromiumFact]
    public void A_heat_map_has_a_column_per_window_and_a_gap_where_windows_had_no_events()
    {
        // 20 one-second windows captured, 00:16:08 to 00:16:28; the two ending 00:16:26 and 00:16:27 had no I/O.
        var svg = HeatMapSvg.Write(HeatMapLayout.Create(HeatMapTests.Series(), out _)!, "biolatency", 1000);
        var file = Save("heat.svg", svg);
        var dom = XDocument.Parse(Chromium.Dom(file, ""));
        var columns = dom.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "col").ToList();
        Assert.Equal(18, columns.Count);
        Assert.All(columns, c => Assert.NotEmpty(c.Elements(Svg + "rect")));

        var plot = dom.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("id") == "plot");
        int Attr(string name) => (int)double.Parse((string)plot.Attribute(name)!, CultureInfo.InvariantCulture);
        var (left, top, width, height) = (Attr("x"), Attr("y"), Attr("width"), Attr("height"));
        var perSecond = width / 20.0;
        var shot = Chromium.Screenshot(file, "", 1000, Height(svg));
        static bool Cell((byte R, byte G, byte B) p) => p.R >= 180 && p.B <= 170 && !(p.R == p.G && p.G == p.B);
        // The first window (00:16:08 to 00:16:09) has cells; 00:16:25 to 00:16:27 has none: white plot shows through.
        Assert.True(shot.Count(Cell, left + 2, top, left + (int)perSecond - 2, top + height) > 20, "the first window is coloured");
        var gapFrom = left + (int)(17 * perSecond) + 3;
        var gapTo = left + (int)(19 * perSecond) - 3;
        Assert.Equal(0, shot.Count(Cell, gapFrom, top + 1, gapTo, top + height - 1));
        Assert.True(shot.Count(p => p is { R: 255, G: 255, B: 255 }, gapFrom, top + 1, gapTo, top + height - 1) > (gapTo - gapFrom) * (height - 2) * 0.95);
        Assert.True(shot.Count(Cell, gapTo + 6, top, gapTo + (int)perSecond, top + height) > 20, "the window after the gap is coloured");
    }

    private static List<XElement> Frames(XDocument doc) =>
        [.. doc.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("frame") == true)];

    private static double Width(XElement frame) =>
        double.Parse((string)frame.Element(Svg + "rect")!.Attribute("width")!, CultureInfo.InvariantCulture);
}
