using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Printed maps ("hist", "map") read with Utf8JsonReader: the odd lines that JsonDocument used to take.</summary>
public class BpftraceMapLineTests
{
    private static BpftraceHistogramParser Runqlat() =>
        new("runqlat", new FixedClock(DateTime.Now, 0), (_, key) => key.Replace(',', ' '));

    private static string CapturedHist() =>
        Fixtures.Lines("captured/runqlat-bpftrace-perthread.json").Single(l => l.StartsWith("{\"type\": \"hist\"", StringComparison.Ordinal));

    [Fact]
    public void Escaped_quotes_backslashes_and_unicode_in_a_comm_are_unescaped()
    {
        var parser = Runqlat();
        var histograms = Fixtures.ParseAll(parser,
        [
            """{"type": "hist", "data": {"@tid": {"2102,a \"q\" b\\c": [{"min": 64, "max": 127, "count": 1}], "2103,caf\u00e9 \ud83d\ude00": [{"min": 2, "max": 3, "count": 4}], "2104,Kühl": [{"min": 1, "max": 1, "count": 9}]}}}""",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(["2102 a \"q\" b\\c", "2103 café 😀", "2104 Kühl"], histograms.Select(h => h.Key));
        Assert.Equal([1L, 4, 9], histograms.Select(h => h.Count));
    }

    [Fact]
    public void Empty_maps_give_no_histogram_and_are_not_unparsable()
    {
        var parser = Runqlat();
        var histograms = Fixtures.ParseAll(parser,
        [
            """{"type": "hist", "data": {}}""",
            """{"type": "hist", "data": {"@tid": {}}}""",
            """{"type": "hist", "data": {"@all": []}}""",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        // An unkeyed histogram printed with no bucket is still one histogram, of nothing.
        var empty = Assert.Single(histograms);
        Assert.Empty(empty.Buckets);
    }

    [Fact]
    public void Every_cut_of_a_captured_hist_line_is_unparsable_and_adds_nothing()
    {
        var line = CapturedHist();
        var parser = Runqlat();
        var cuts = Enumerable.Range(1, 60).Select(i => line[..(line.Length * i / 61)]).ToList();
        var histograms = Fixtures.ParseAll(parser, [.. cuts, line + " x", line[..^1]]);
        Assert.Empty(histograms);
        Assert.Equal(cuts.Count + 2, parser.Stats.Unparsed);
    }

    [Fact]
    public void A_record_of_the_wrong_shape_is_unparsable_and_adds_none_of_its_histograms()
    {
        var parser = Runqlat();
        var histograms = Fixtures.ParseAll(parser,
        [
            // The first map is fine, the second is not a histogram: nothing of the line is kept.
            """{"type": "hist", "data": {"@all": [{"min": 1, "max": 1, "count": 3}], "@tid": 5}}""",
            """{"type": "hist", "data": {"@all": [{"min": 1, "max": 1}]}}""",
            """{"type": "hist", "data": {"@all": [{"count": 1}]}}""",
            """{"type": "hist", "data": {"@all": [{"min": 1, "max": 1, "count": 1.5}]}}""",
            """{"type": "hist", "data": {"@all": [[1, 1, 1]]}}""",
            """{"type": "hist", "data": {"@tid": {"1,sh": {"min": 1}}}}""",
        ]);
        Assert.Empty(histograms);
        Assert.Equal(6, parser.Stats.Unparsed);
    }

    [Fact]
    public void A_record_printed_in_another_order_or_spacing_reads_the_same()
    {
        var parser = Runqlat();
        var histograms = Fixtures.ParseAll(parser,
        [
            """{"data": {"@tid": {"7,sh": [{"min": 2, "max": 3, "count": 4}]}}, "type": "hist"}""",
            """{ "type" : "hist" , "data" : { "@tid" : { "8,sh" : [ { "count" : 5 , "max" : 3 , "min" : 2 , "other" : [1] } ] } } }""",
            """{"type": "hist", "data": {"@tid": {"9,sh": [{"min": 2, "max": 3, "count": 6}]}}, "extra": true}""",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(["7 sh", "8 sh", "9 sh"], histograms.Select(h => h.Key));
        Assert.All(histograms, h => Assert.Equal((2, 3), (h.Buckets[0].Low, h.Buckets[0].High)));
        Assert.Equal([4L, 5, 6], histograms.Select(h => h.Count));
    }

    [Fact]
    public void A_stack_map_with_escapes_in_the_comm_and_empty_or_cut_maps()
    {
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser,
        [
            """{"type": "value", "data": ["start",1000]}""",
            """{"type": "map", "data": {"@stacks0": {}}}""",
            """{"type": "map", "data": {"@user0": {"a \"b\" \u00e9\\,42,\n    f1\n    f2\n": 7}}}""",
            """{"type": "map", "data": {"@user1": {"x,43,\n    f1\n": 2, "y,44,\n    f""",
            """{"type": "value", "data": ["end",2000]}""",
        ]);
        var one = Assert.Single(samples);
        Assert.Equal(("a \"b\" é\\", 42, 7L), (one.ProcessName, one.ProcessId, one.Count));
        Assert.Equal(["f1", "f2"], one.UserStack);
        // The cut map is unparsable and none of it counted.
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}
