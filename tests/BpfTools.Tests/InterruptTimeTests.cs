using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>The parsers of hardirqs' and softirqs' captured output.</summary>
public class InterruptTimeTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 4, 10, 500, DateTimeKind.Local);

    private static (List<InterruptTimeSample> Samples, ParseStats Stats) Parse(InterruptKind kind, IEnumerable<string> lines)
    {
        var parser = new InterruptTimeTextParser(kind, new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser.Stats);
    }

    [Fact]
    public void Captured_hardirq_totals_in_microseconds_end_when_printed()
    {
        var (samples, stats) = Parse(InterruptKind.Hard, Fixtures.Lines("captured/hardirqs-libbpf-sigint.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(["virtio3-tx", "virtio1-req.0", "virtio4-input", "virtio0-stats"], samples.Select(s => s.Name));
        Assert.All(samples, s => Assert.Equal((InterruptKind.Hard, (long?)null, ReadAt), (s.Kind, s.Count, s.End)));
        Assert.Equal(TimeSpan.FromMicroseconds(790), samples[1].TotalTime);
    }

    [Fact]
    public void Captured_hardirq_counts_have_no_time()
    {
        var (samples, stats) = Parse(InterruptKind.Hard, Fixtures.Lines("captured/hardirqs-libbpf-C-sigint.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal((578L, (TimeSpan?)null), (samples[0].Count!.Value, samples[0].TotalTime));
        Assert.Equal("virtio0-reporting_vq", samples[1].Name);
    }

    [Fact]
    public void Captured_softirq_nanosecond_intervals_close_at_their_timestamps()
    {
        var (samples, stats) = Parse(InterruptKind.Soft, Fixtures.Lines("captured/softirqs-libbpf-NT-i1-c2.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(4 + 5, samples.Count);
        var first = new DateTime(2026, 11, 30, 15, 4, 4, DateTimeKind.Local);
        Assert.All(samples.Take(4), s => Assert.Equal(first, s.End));
        Assert.All(samples.Skip(4), s => Assert.Equal((first, first.AddSeconds(1)), (s.Start, s.End)));
        var netRx = samples.Single(s => s.Name == "net_rx");
        Assert.Equal(TimeSpan.FromTicks(557862 / 100), netRx.TotalTime);
    }

    [Fact]
    public void Names_with_spaces_garbage_truncated_rows_and_an_unknown_unit()
    {
        var (samples, stats) = Parse(InterruptKind.Hard,
        [
            "Tracing hard irq event time... Hit Ctrl-C to end.",
            "virtio1-req.0                      790",
            "HARDIRQ                    TOTAL_usecs",
            "ahci[0000:00:1f.2] eth0            12",
            "virtio1-req.0",
            "virtio1-req.0                      7x0",
            "HARDIRQ                    TOTAL_furlongs",
            "virtio1-req.0                      790",
        ]);
        Assert.Equal("ahci[0000:00:1f.2] eth0", Assert.Single(samples).Name);
        // A row before the header, a row without a number, a bad number, a row in an unknown unit.
        Assert.Equal(4, stats.Unparsed);
    }

    [Theory]
    [InlineData("captured/hardirqs-libbpf-d-sigint.txt", "hardirq", 4)]
    [InlineData("captured/softirqs-libbpf-dT-i1-c2.txt", "softirq", 0)]
    public void Captured_distributions_are_keyed_by_interrupt(string fixture, string keyKind, int atLeast)
    {
        var parser = new LogHistogramTextParser(fixture.Contains("hard", StringComparison.Ordinal) ? "hardirqs" : "softirqs", new FixedClock(ReadAt, 0));
        var histograms = Fixtures.ParseAll(parser, Fixtures.Lines(fixture));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.True(histograms.Count >= Math.Max(1, atLeast));
        Assert.All(histograms, h => Assert.Equal((keyKind, "usecs"), (h.KeyKind, h.Unit)));
        Assert.All(histograms, h => Assert.NotEqual("", h.Key));
    }
}
