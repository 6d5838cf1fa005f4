using System.Xml.Linq;
using BpfTools.Parsers;
using BpfTools.Pictures;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class HeatMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The captured 20-window (the run started at 00:16:08, a second before the first print) biolatency run: 18 histograms, windows 00:16:26 and 00:16:27 without I/O.</summary>
    internal static List<BpfHistogram> Series() =>
        Fixtures.ParseAll(new LogHistogramTextParser("biolatency", new FixedClock(new DateTime(2026, 12, 1, 0, 16, 8, DateTimeKind.Local), 0)),
            Fixtures.Lines("captured/biolatency-libbpf-T-i1-c20.txt"));

    [Fact]
    public void Each_window_is_a_column_and_the_rows_span_the_buckets_used()
    {
        var series = Series();
        Assert.Equal(18, series.Count);
        var map = HeatMapLayout.Create(series, out var mismatch)!;
        Assert.Null(mismatch);
        Assert.Equal(18, map.Columns.Count);
        Assert.Equal(series.Select(h => h.Count), map.Columns.Select(c => c.Total));
        var used = series.SelectMany(h => h.Buckets).Where(b => b.Count > 0).ToList();
        Assert.Equal(used.Min(b => b.Low), map.Rows[0].Low);
        Assert.Equal(used.Max(b => b.Low), map.Rows[^1].Low);
        Assert.Equal(map.Rows.OrderBy(r => r.Low), map.Rows);
        Assert.Equal(used.Max(b => b.Count), map.MaxCount);
    }

    [Fact]
    public void Histograms_of_the_same_window_are_summed()
    {
        var series = Series();
        var map = HeatMapLayout.Create([.. series, .. series], out _)!;
        Assert.Equal(18, map.Columns.Count);
        Assert.Equal(series.Select(h => 2 * h.Count), map.Columns.Select(c => c.Total));
    }

    [Fact]
    public void Histograms_in_different_units_are_refused()
    {
        var other = BpfHistogram.Create("runqlat", "", "", "msecs", DateTime.Now, DateTime.Now.AddSeconds(1), [(0, 1, 3)]);
        Assert.Null(HeatMapLayout.Create([.. Series(), other], out var mismatch));
        Assert.Contains("usecs, msecs", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void The_svg_has_a_column_per_window_leaves_missing_windows_empty_and_escapes_its_title()
    {
        var series = Series();
        var svg = HeatMapSvg.Write(HeatMapLayout.Create(series, out _)!, "disk <vda> & \"sdb\"", 1000);
        var doc = XDocument.Parse(svg);
        var columns = doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "col").ToList();
        Assert.Equal(18, columns.Count);
        // Windows ending 00:16:26 and 00:16:27 had no I/O: the one gap between columns, two seconds wide.
        var windows = columns.Select(c => (Start: DateTime.Parse((string)c.Attribute("data-start")!, null, System.Globalization.DateTimeStyles.RoundtripKind),
            End: DateTime.Parse((string)c.Attribute("data-end")!, null, System.Globalization.DateTimeStyles.RoundtripKind))).ToList();
        var gaps = windows.Zip(windows.Skip(1)).Where(p => p.Second.Start != p.First.End).ToList();
        var gap = Assert.Single(gaps);
        Assert.Equal((25, 27), (gap.First.End.Second, gap.Second.Start.Second));
        Assert.Equal("disk <vda> & \"sdb\"", doc.Descendants(Svg + "text").Single(t => (string?)t.Attribute("id") == "title").Value);
        var cells = doc.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "cell").ToList();
        Assert.Equal(series.Sum(h => h.Buckets.Count(b => b.Count > 0)), cells.Count);
        Assert.All(cells, c => Assert.Contains(" usecs: ", c.Element(Svg + "title")!.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("href", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Colours_go_from_pale_for_one_to_dark_red_for_the_largest_count()
    {
        Assert.Equal("rgb(255,237,160)", HeatMapSvg.Colour(1, 40));
        Assert.Equal("rgb(189,0,38)", HeatMapSvg.Colour(40, 40));
        Assert.Equal("rgb(189,0,38)", HeatMapSvg.Colour(1, 1));
    }
}
