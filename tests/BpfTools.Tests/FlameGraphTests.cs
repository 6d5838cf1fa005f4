using System.Xml.Linq;
using BpfTools.Parsers;
using BpfTools.Pictures;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class FlameGraphTests
{
    internal static List<CpuStackSample> Profile() =>
        Fixtures.ParseAll(new BpftraceCpuProfileParser(), Fixtures.Lines("captured/profile-bpftrace-both.json"));

    internal static FlameLayout Layout(IEnumerable<CpuStackSample> samples)
    {
        var layout = new FlameLayout();
        foreach (var s in samples)
        {
            layout.Add(FlameStack.FromSample(s.ProcessName, s.UserStack, s.KernelStack, s.Count));
        }
        return layout;
    }

    internal static FlameLayout Folded(IEnumerable<string> lines, IEnumerable<string>? reference = null)
    {
        var layout = new FlameLayout();
        foreach (var line in lines)
        {
            layout.Add(FlameStack.FromFolded(line)!);
        }
        foreach (var line in reference ?? [])
        {
            layout.Add(FlameStack.FromFolded(line)!, reference: true);
        }
        return layout;
    }

    [Fact]
    public void Children_fit_in_their_parent_and_the_root_is_the_total()
    {
        var samples = Profile();
        var layout = Layout(samples);
        var boxes = layout.Boxes();
        Assert.Equal(samples.Sum(s => s.Count), layout.Total);
        Assert.Equal(("all", 0, 0L, layout.Total), (boxes[0].Name, boxes[0].Depth, boxes[0].Start, boxes[0].Count));
        // Every box lies within a box one level down (its caller), and siblings do not overlap.
        foreach (var box in boxes.Skip(1))
        {
            Assert.Contains(boxes, p => p.Depth == box.Depth - 1 && p.Start <= box.Start && box.Start + box.Count <= p.Start + p.Count);
        }
        foreach (var level in boxes.GroupBy(b => b.Depth))
        {
            var ordered = level.OrderBy(b => b.Start).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.Start + pair.First.Count <= pair.Second.Start));
        }
    }

    [Fact]
    public void Equal_frames_under_the_same_caller_merge_and_depth_follows_the_stack()
    {
        // bcc's func_ab example: eight lines, two leaves, one path above them.
        var layout = Folded(Fixtures.Lines("bcc-examples/profile-folded.txt").Where(l => l.Length > 0));
        var boxes = layout.Boxes();
        Assert.Equal(["all", "func_ab", "[unknown]", "__libc_start_main", "main", "func_a", "func_b"], boxes.Select(b => b.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5, 5], boxes.Select(b => b.Depth));
        Assert.Equal(2 + 11 + 23 + 64, boxes.Single(b => b.Name == "func_a").Count);
        Assert.Equal(199, layout.Total);
        // Siblings in name order: func_a left of func_b.
        Assert.Equal(100, boxes.Single(b => b.Name == "func_b").Start);
    }

    [Theory]
    [InlineData("main+65", "main")]
    [InlineData("start_thread+0x1a", "start_thread")]
    [InlineData("P::Hot(int64)[OptimizedTier1]+19", "P::Hot(int64)[OptimizedTier1]")]
    [InlineData("operator+", "operator+")]
    [InlineData("f<1+n>", "f<1+n>")]
    [InlineData("+12", "+12")]
    [InlineData("x+0x", "x+0x")]
    [InlineData("[libcoreclr.so]", "[libcoreclr.so]")]
    public void A_frames_offset_is_an_all_digit_suffix_after_its_last_plus(string frame, string function) =>
        Assert.Equal(function, FlameFrame.WithoutOffset(frame));

    [Fact]
    public void One_functions_offsets_make_one_box_unless_they_are_kept()
    {
        string[] lines = ["app;main+10;hot+4 3", "app;main+10;hot+9 2", "app;main+22;hot+4 1"];
        var merged = Folded(lines).Boxes();
        Assert.Equal(["all", "app", "main", "hot"], merged.Select(b => b.Name));
        Assert.Equal(6, merged.Single(b => b.Name == "hot").Count);

        var kept = new FlameLayout();
        foreach (var line in lines)
        {
            kept.Add(FlameStack.FromFolded(line, keepOffsets: true)!);
        }
        Assert.Equal(2, kept.Boxes().Count(b => b.Name.StartsWith("main+", StringComparison.Ordinal)));
        Assert.Equal(3, kept.Boxes().Count(b => b.Name.StartsWith("hot+", StringComparison.Ordinal)));
    }

    [Fact]
    public void Kernel_frames_are_known_from_the_sample_and_from_folded_suffixes()
    {
        var sampled = Layout(Profile()).Boxes();
        Assert.Equal(FrameKind.Kernel, sampled.Single(b => b.Name == "__schedule").Kind);
        Assert.Equal(FrameKind.User, sampled.Single(b => b.Name == "burnprof42").Kind);

        var folded = Folded(Fixtures.Lines("bcc-examples/profile-folded-annotated.txt").Where(l => l.Length > 0)).Boxes();
        // "_[k]" marks a kernel frame and is not shown; bcc's "-" between user and kernel frames is no frame.
        Assert.Contains(folded, b => b.Name == "vfs_read" && b.Kind == FrameKind.Kernel);
        Assert.Contains(folded, b => b.Name == "read" && b.Kind == FrameKind.User);
        Assert.DoesNotContain(folded, b => b.Name == "-" || b.Name.EndsWith("_[k]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no count")]
    [InlineData("a;b 12x")]
    [InlineData("a;b -3")]
    [InlineData(" 5")]
    [InlineData(";; 5")]
    public void A_line_that_is_not_folded_is_refused(string line) => Assert.Null(FlameStack.FromFolded(line));

    [Fact]
    public void Differential_colours_are_red_where_a_frame_grew_and_blue_where_it_shrank()
    {
        // bcc's func_ab runs: the first four lines as the reference (a 13, b 14), the last four after (a 87, b 85).
        var lines = Fixtures.Lines("bcc-examples/profile-folded.txt").Where(l => l.Length > 0).ToList();
        var layout = Folded(lines[4..], lines[..4]);
        var boxes = layout.Boxes();
        var a = boxes.Single(b => b.Name == "func_a");
        var b = boxes.Single(b => b.Name == "func_b");
        // The reference is scaled to the same total: 13 of 27 becomes 13 * 172 / 27.
        Assert.Equal(87 - (13 * 172.0 / 27), a.Delta, 6);
        Assert.Equal(-a.Delta, b.Delta, 6);
        var svg = FlameGraphSvg.Write(layout, new FlameGraphOptions("diff", "samples") { Differential = true });
        var fills = XDocument.Parse(svg).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "frame")
            .ToDictionary(g => (string)g.Attribute("data-n")!, g => (string)g.Element(Svg + "rect")!.Attribute("fill")!);
        Assert.Equal("rgb(255,0,0)", fills["func_a"]);
        Assert.Equal("rgb(0,0,255)", fills["func_b"]);
        Assert.Equal("rgb(250,250,250)", fills["main"]);
    }

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Names_are_escaped_and_the_document_stays_well_formed()
    {
        var nasty = new[]
        {
            "evil<script>alert(1)</script>", "a&b \"quoted\" 'single'", "ctl\u0001\u001fchars", "half\uD800surrogate",
            "std::map<std::string, std::vector<int>>::operator[](std::string const&) " + new string('x', 2000),
            "]]><!--", "emoji \U0001F525",
        };
        var layout = new FlameLayout();
        foreach (var name in nasty)
        {
            layout.Add(FlameStack.FromSample("proc <1>", [name], [], 3));
        }
        var svg = FlameGraphSvg.Write(layout, new FlameGraphOptions("title & <b>", "samples"));
        var doc = XDocument.Parse(svg);
        var names = doc.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-n")).Where(n => n is not null).ToList();
        Assert.Contains("evil<script>alert(1)</script>", names);
        Assert.Contains("a&b \"quoted\" 'single'", names);
        Assert.Contains("ctl\uFFFD\uFFFDchars", names);
        Assert.Contains("half\uFFFDsurrogate", names);
        Assert.Contains("emoji \U0001F525", names);
        Assert.Contains(names, n => n!.StartsWith("std::map<std::string", StringComparison.Ordinal) && n.Length > 2000);
        Assert.Equal("title & <b>", doc.Descendants(Svg + "text").First(t => (string?)t.Attribute("id") == "title").Value);
        // Nothing but the script is executable, and nothing reaches outside the file.
        Assert.Single(doc.Descendants(Svg + "script"));
        Assert.DoesNotContain("href", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", svg, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "https?://"));
    }

    [Fact]
    public void Inverted_graphs_put_the_root_at_the_top()
    {
        var layout = Layout(Profile());
        double RootY(bool inverted) => double.Parse((string)XDocument.Parse(FlameGraphSvg.Write(layout, new FlameGraphOptions("t", "samples", 1200, inverted)))
            .Descendants(Svg + "rect").Skip(1).First()!.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(RootY(true) < RootY(false));
    }
}
