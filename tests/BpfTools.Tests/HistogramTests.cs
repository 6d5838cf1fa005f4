using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class LogHistogramTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 41, 31, 200, DateTimeKind.Local);

    private static (List<BpfHistogram> Histograms, ParseStats Stats) Parse(string tool, IEnumerable<string> lines)
    {
        var parser = new LogHistogramTextParser(tool, new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser.Stats);
    }

    [Fact]
    public void Captured_per_disk_intervals_with_timestamps()
    {
        var (histograms, stats) = Parse("biolatency", Fixtures.Lines("captured/biolatency-libbpf-DT-interval.txt"));
        Assert.Equal(0, stats.Unparsed);
        var vda = Assert.Single(histograms);
        Assert.Equal(("biolatency", "disk", "vda", "usecs"), (vda.Tool, vda.KeyKind, vda.Key, vda.Unit));
        Assert.Equal(11, vda.Buckets.Count);
        Assert.Equal(96 + 24 + 4 + 1 + 31, vda.Count);
        Assert.Equal((1024, 2047, 31), (vda.Buckets[^1].Low, vda.Buckets[^1].High, vda.Buckets[^1].Count));
        Assert.Equal(new DateTime(2026, 11, 23, 22, 41, 30, DateTimeKind.Local), vda.End);
        // The rows carry their histogram's key and window, for CSV.
        Assert.All(vda.Buckets, b => Assert.Equal(("vda", vda.Start, vda.End), (b.Key, b.Start, b.End)));
    }

    [Fact]
    public void Captured_per_flag_milliseconds_without_blank_lines_between()
    {
        var (histograms, stats) = Parse("biolatency", Fixtures.Lines("captured/biolatency-libbpf-mF.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(8, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("flags", "msecs"), (h.KeyKind, h.Unit)));
        Assert.Equal(100, histograms.Single(h => h.Key == "Idle-Sync-Write").Count);
    }

    [Fact]
    public void Captured_per_process_runqlat_keys_carry_pid_and_name()
    {
        var (histograms, stats) = Parse("runqlat", Fixtures.Lines("captured/runqlat-libbpf-PT-interval.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Contains(histograms, h => h.KeyKind == "pid" && h.Key == "22 ksoftirqd/1" && h.Count == 1);
        Assert.Contains(histograms, h => h.Key == "46 kworker/1:1" && h.Count == 6);
    }

    [Fact]
    public void Render_gives_back_the_tools_own_text()
    {
        var lines = Fixtures.Lines("captured/biolatency-libbpf-DT-interval.txt");
        var (histograms, _) = Parse("biolatency", lines);
        var block = lines.SkipWhile(l => !l.Contains("usecs", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0);
        Assert.Equal(string.Join('\n', block) + "\n", histograms[0].Render());
    }

    [Fact]
    public void Empty_histogram_single_bucket_huge_counts_and_garbage()
    {
        var (histograms, stats) = Parse("biolatency",
        [
            "Tracing block device I/O... Hit Ctrl-C to end.",
            "     usecs               : count    distribution",
            "",
            "     usecs               : count    distribution",
            "         0 -> 1          : 9223372036854775807 |****************************************|",
            "what is this",
            "               nsecs                         : count    distribution",
            "         4294967296 -> 8589934591           : 3        |****************************************|",
        ]);
        Assert.Equal(3, histograms.Count);
        Assert.Equal(0, histograms[0].Count);
        Assert.Empty(histograms[0].Buckets);
        Assert.Equal(0, histograms[0].P50);
        Assert.Equal(long.MaxValue, histograms[1].Count);
        Assert.Equal(8589934591, histograms[2].Max);
        Assert.Equal(1, stats.Unparsed);
    }
}

public class BpftraceHistogramParserTests
{
    [Fact]
    public void Captured_per_disk_intervals_map_dev_numbers_to_names_and_close_windows()
    {
        var clock = new FixedClock(new DateTime(2026, 11, 23, 22, 50, 0, DateTimeKind.Local), 6_617_000_000_000);
        var parser = new BpftraceHistogramParser("biolatency", clock, (kind, key) => kind == "disk" && key == "266338304" ? "vda" : key);
        var histograms = Fixtures.ParseAll(parser, Fixtures.Lines("captured/biolatency-bpftrace-perdisk-interval.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(2, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("disk", "vda", "usecs"), (h.KeyKind, h.Key, h.Unit)));
        Assert.Equal((128, 255, 4), (histograms[0].Buckets[0].Low, histograms[0].Buckets[0].High, histograms[0].Buckets[0].Count));
        // The second window starts where the first ended; nsecs 6616478946867 is 521.053133 ms before "now".
        Assert.Equal(histograms[0].End, histograms[1].Start);
        Assert.Equal(clock.Now - TimeSpan.FromTicks(5210531), histograms[1].End);
    }

    [Fact]
    public void Captured_per_thread_keys_read_like_the_tools()
    {
        var parser = new BpftraceHistogramParser("runqlat", new FixedClock(DateTime.Now, 0), (_, key) => key.Replace(',', ' '));
        var histograms = Fixtures.ParseAll(parser, Fixtures.Lines("captured/runqlat-bpftrace-perthread.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Contains(histograms, h => h.KeyKind == "tid" && h.Key == "2102 sh" && h.Count == 1);
    }

    [Fact]
    public void Milliseconds_unit_and_the_negative_bucket()
    {
        var parser = new BpftraceHistogramParser("runqlat", new FixedClock(DateTime.Now, 0));
        var histograms = Fixtures.ParseAll(parser,
        [
            """{"type": "value", "data": ["end",5,1]}""",
            """{"type": "hist", "data": {"@all": [{"max": -1, "count": 2}, {"min": 0, "max": 0, "count": 5}, {"min": 1, "max": 1, "count": 3}]}}""",
        ]);
        var h = Assert.Single(histograms);
        Assert.Equal("msecs", h.Unit);
        Assert.Equal("", h.KeyKind);
        Assert.Equal((-1, -1, 2), (h.Buckets[0].Low, h.Buckets[0].High, h.Buckets[0].Count));
    }

    [Fact]
    public void An_lhist_above_range_bucket_is_counted_not_thrown()
    {
        // bpftrace prints lhist()'s above-range bucket with "min" only, as in the captured bpftrace-program-kinds.json.
        var parser = new BpftraceHistogramParser("bitesize", new FixedClock(DateTime.Now, 0), units: ["kbytes"]);
        var histograms = Fixtures.ParseAll(parser,
        [
            """{"type": "value", "data": ["end",5,0]}""",
            """{"type": "hist", "data": {"@": [{"min": 90, "max": 99, "count": 1}, {"min": 100, "count": 6}]}}""",
        ]);
        var h = Assert.Single(histograms);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal((100, 100, 6), (h.Buckets[1].Low, h.Buckets[1].High, h.Buckets[1].Count));
    }
}

public class BpfHistogramTests
{
    // 10 values: 4 in 0-1, 4 in 2-3, 2 in 4-7.
    private static readonly BpfHistogram Sample = BpfHistogram.Create("t", "", "", "usecs", DateTime.MinValue, DateTime.MinValue,
        [(0, 1, 4), (2, 3, 4), (4, 7, 2)]);

    [Fact]
    public void Percentiles_and_mean_match_hand_computed_values()
    {
        // p50: rank 5, the 1st of 4 in 2-3: 2 + 1 * (5 - 4) / 4 = 2.25.
        Assert.Equal(2.25, Sample.P50, 9);
        // p90: rank 9, the 1st of 2 in 4-7: 4 + 3 * (9 - 8) / 2 = 5.5.
        Assert.Equal(5.5, Sample.P90, 9);
        // p99: rank 9.9: 4 + 3 * 1.9 / 2 = 6.85.
        Assert.Equal(6.85, Sample.P99, 9);
        // p0 is the lowest bucket's floor, p100 the highest's ceiling.
        Assert.Equal(0, Sample.Percentile(0));
        Assert.Equal(7, Sample.Percentile(100));
        // mean: (4 * 0.5 + 4 * 2.5 + 2 * 5.5) / 10 = 2.3.
        Assert.Equal(2.3, Sample.Mean, 9);
        Assert.Equal(7, Sample.Max);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Percentile(101));
    }

    [Fact]
    public void Merge_sums_exactly_and_keeps_the_widest_window()
    {
        var later = BpfHistogram.Create("t", "", "", "usecs", DateTime.MaxValue.AddDays(-1), DateTime.MaxValue, [(2, 3, 1), (8, 15, 5)]);
        var merged = HistogramMerge.Merge([Sample, later], out var mismatch);
        Assert.Null(mismatch);
        Assert.Equal([(0L, 1L, 4L), (2, 3, 5), (4, 7, 2), (8, 15, 5)], merged.Buckets.Select(b => (b.Low, b.High, b.Count)));
        Assert.Equal(Sample.Count + later.Count, merged.Count);
        Assert.Equal((DateTime.MinValue, DateTime.MaxValue), (merged.Start, merged.End));
    }

    [Fact]
    public void Merge_refuses_other_units_and_other_layouts()
    {
        var msecs = BpfHistogram.Create("t", "", "", "msecs", default, default, [(0, 1, 1)]);
        HistogramMerge.Merge([Sample, msecs], out var units);
        Assert.Contains("different units", units, StringComparison.Ordinal);

        var runqlat = BpfHistogram.Create("runqlat", "", "", "usecs", default, default, [(0, 1, 1)]);
        HistogramMerge.Merge([Sample, runqlat], out var tools);
        Assert.Contains("different things", tools, StringComparison.Ordinal);

        // bpftrace's layout (0, 1, 2-3) against bcc's (0-1, 2-3).
        var bpftrace = BpfHistogram.Create("t", "", "", "usecs", default, default, [(0, 0, 1), (1, 1, 1)]);
        HistogramMerge.Merge([Sample, bpftrace], out var layout);
        Assert.Contains("layouts differ", layout, StringComparison.Ordinal);
    }
}
