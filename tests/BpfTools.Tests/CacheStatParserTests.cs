using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class CacheStatTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 35, 9, 400, DateTimeKind.Local);

    private static (List<CacheStatSample> Samples, ParseStats Stats) Parse(IEnumerable<string> lines, int seconds = 1)
    {
        var parser = new CacheStatTextParser(TimeSpan.FromSeconds(seconds), new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser.Stats);
    }

    private static CacheStatSample ParseOne(string line)
    {
        var (samples, stats) = Parse([line]);
        Assert.Equal(0, stats.Unparsed);
        return Assert.Single(samples);
    }

    [Theory]
    [InlineData("bcc-examples/cachestat.txt", 46, 3)]
    [InlineData("transcribed/cachestat-libbpf-from-bcc-example.txt", 38, 1)]
    public void Every_row_parses_and_only_headers_and_notices_do_not(string fixture, int rows, int headers)
    {
        var lines = Fixtures.Lines(fixture);
        var (samples, stats) = Parse(lines);
        Assert.Equal(rows, samples.Count);
        Assert.Equal(headers, lines.Count(l => l.Contains("HITRATIO", StringComparison.Ordinal)));
        Assert.Equal(lines.Count(l => l.Length > 0) - headers - lines.Count(l => l == "Detaching..."), samples.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(samples, s => Assert.InRange(s.HitRatio, 0, 1));
        Assert.All(samples, s => Assert.Equal(TimeSpan.FromSeconds(1), s.Interval));
        // No -T in the published output: each sample is dated by its arrival, the end of its interval.
        Assert.All(samples, s => Assert.Equal(ReadAt, s.Timestamp));
    }

    [Fact]
    public void Published_bcc_rows_keep_their_exact_values_and_the_percentage_becomes_a_fraction()
    {
        var samples = Parse(Fixtures.Lines("bcc-examples/cachestat.txt")).Samples;
        // "   17154    13750       15   55.51%          277       4422"
        var burst = samples[3];
        Assert.Equal(17154, burst.Hits);
        Assert.Equal(13750, burst.Misses);
        Assert.Equal(15, burst.Dirties);
        Assert.Equal(0.5551, burst.HitRatio);
        Assert.Equal(277, burst.BuffersMB);
        Assert.Equal(4422, burst.CachedMB);
        // "    1132        0        4  100.00%          277       4367"
        Assert.Equal(1.0, samples[0].HitRatio);
        Assert.Equal(1132, samples[0].Hits);
        // "     198    12136        0    1.61%            5        238"
        Assert.Equal((198L, 12136L, 0.0161, 5L, 238L), (samples[9].Hits, samples[9].Misses, samples[9].HitRatio, samples[9].BuffersMB, samples[9].CachedMB));
        // "       0        0   165584    0.00%            8        856"
        Assert.Equal((165584L, 0.0), (samples[^3].Dirties, samples[^3].HitRatio));
        Assert.Equal(1233, samples[^1].CachedMB);
    }

    [Fact]
    public void Ctrl_C_echo_row_of_old_bcc_parses_with_its_negative_misses()
    {
        // "^C       0      -19      360    0.00%          277       4423": the terminal's ^C, then old bcc's row.
        var s = ParseOne("^C       0      -19      360    0.00%          277       4423");
        Assert.Equal((0L, -19L, 360L, 0.0, 277L, 4423L), (s.Hits, s.Misses, s.Dirties, s.HitRatio, s.BuffersMB, s.CachedMB));
    }

    [Fact]
    public void Transcribed_libbpf_rows_read_the_same_as_the_bcc_rows_they_came_from()
    {
        var bcc = Parse(Fixtures.Lines("bcc-examples/cachestat.txt")).Samples.Skip(8).ToList();
        var libbpf = Parse(Fixtures.Lines("transcribed/cachestat-libbpf-from-bcc-example.txt")).Samples;
        Assert.Equal(bcc.Select(s => (s.Hits, s.Misses, s.Dirties, s.HitRatio, s.BuffersMB, s.CachedMB)),
            libbpf.Select(s => (s.Hits, s.Misses, s.Dirties, s.HitRatio, s.BuffersMB, s.CachedMB)));
    }

    [Fact]
    public void Timestamp_column_of_T_dates_the_sample_on_the_day_it_was_read()
    {
        // libbpf "%-8s " + the row; the row's values are the published "   17154    13750 ..." ones.
        var (samples, stats) = Parse(
        [
            "TIME         HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB",
            "22:35:08    17154    13750       15   55.51%          277       4422",
        ], seconds: 5);
        Assert.Equal(0, stats.Unparsed);
        var s = Assert.Single(samples);
        Assert.Equal(new DateTime(2026, 11, 23, 22, 35, 8), s.Timestamp);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Interval);
        Assert.Equal(17154, s.Hits);
    }

    [Fact]
    public void Header_means_ready_blank_and_Detaching_are_ignored()
    {
        var parser = new CacheStatTextParser(TimeSpan.FromSeconds(1));
        var output = new List<CacheStatSample>();
        Assert.Equal(LineKind.Ready, parser.Parse("    HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB", output));
        Assert.Equal(LineKind.Ready, parser.Parse("TIME         HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB", output));
        Assert.Equal(LineKind.Ignored, parser.Parse("", output));
        Assert.Equal(LineKind.Ignored, parser.Parse("Detaching...", output));
        Assert.Empty(output);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Huge_counts_fit_in_a_long_and_one_past_it_is_counted_not_thrown()
    {
        var s = ParseOne("9223372036854775807 4294967296 18446744073 99.99%      1048576   16777216");
        Assert.Equal(long.MaxValue, s.Hits);
        Assert.Equal(4294967296, s.Misses);
        Assert.Equal(18446744073, s.Dirties);
        Assert.Equal(0.9999, s.HitRatio);
        Assert.Equal(16777216, s.CachedMB);

        var (samples, stats) = Parse(["9223372036854775808        0        0  100.00%            5        191"]);
        Assert.Empty(samples);
        Assert.Equal(1, stats.Unparsed);
    }

    [Fact]
    public void Truncated_last_line_and_garbage_are_counted_and_the_rest_parses()
    {
        var (samples, stats) = Parse(
        [
            "    HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB",
            "       1        0        0  100.00%            5        191",
            "failed to get meminfo: -1",
            "     198    12136        0    1.61%            5        238",
            "       1    11007        3    0.0",
        ]);
        Assert.Equal([1L, 198L], samples.Select(s => s.Hits));
        Assert.Equal(2, stats.Unparsed);
        Assert.Equal(["failed to get meminfo: -1", "       1    11007        3    0.0"], stats.UnparsedSamples);
        Assert.Equal(5, stats.Lines);
        Assert.Equal(2, stats.Records);
    }
}
