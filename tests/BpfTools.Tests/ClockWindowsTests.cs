using BpfTools.Commands;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>One-second ticks summed into windows on the clock, with hand-made ticks whose sums are known.</summary>
public class ClockWindowsTests
{
    // 12:00:03.4 local: the tool started in the middle of the window of 12:00:00.
    private static readonly DateTime Started = new(2026, 11, 30, 12, 0, 3, 400, DateTimeKind.Local);

    private static BpfHistogram Tick(int second, string key, long count) => BpfHistogram.Create("runqlat", "pid", key, "usecs",
        Started.AddSeconds(second), Started.AddSeconds(second + 1), [(0, 1, count), (2, 3, 1)]);

    [Fact]
    public void Ticks_are_summed_per_key_into_whole_windows_that_start_on_multiples_of_the_interval()
    {
        var windows = new ClockWindows(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        var written = new List<BpfHistogram>();
        var second = 0;
        for (; !windows.Done; second++)
        {
            written.AddRange(windows.Take(Tick(second, "1 a", 1)));
            written.AddRange(windows.Take(Tick(second, "2 b", 10)));
        }
        written.AddRange(windows.Finish());

        // The window of 12:00:00 is partial (the tool started at :03.4) and dropped; then :10, :20 and :30, whole.
        Assert.Equal([10, 10, 20, 20, 30, 30], written.Select(h => h.Start.Second));
        Assert.All(written, h => Assert.Equal(0, h.Start.Millisecond));
        Assert.All(written, h => Assert.Equal(TimeSpan.FromSeconds(10), h.End - h.Start));
        Assert.All(written.Where(h => h.Key == "1 a"), h => Assert.Equal(10 + 10, h.Count));
        Assert.All(written.Where(h => h.Key == "2 b"), h => Assert.Equal(100 + 10, h.Count));
        // Done once a tick of the window after the last arrived: about 37 s after the start.
        Assert.InRange(second, 37, 38);
        Assert.Contains("the 6.6 s before the first whole window dropped", windows.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_is_written_as_soon_as_a_tick_of_a_later_one_arrives()
    {
        var windows = new ClockWindows(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        // From :03.4, ticks centred in :05 to :09 fill the window of :05; the next tick (centred at :10.9) ends it.
        for (var second = 0; second < 7; second++)
        {
            Assert.Empty(windows.Take(Tick(second, "k", 1)));
        }
        var first = Assert.Single(windows.Take(Tick(7, "k", 1)));
        Assert.Equal(5, first.Start.Second);
        Assert.Equal(5, first.Count - 5);
        Assert.False(windows.Done);
    }

    [Fact]
    public void A_run_that_ends_early_writes_no_partial_last_window_and_says_so()
    {
        var windows = new ClockWindows(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        var written = Enumerable.Range(0, 12).SelectMany(s => windows.Take(Tick(s, "k", 1))).ToList();
        Assert.Empty(windows.Finish());
        Assert.Empty(written);
        Assert.Contains("ended before its last window was whole", windows.Summary, StringComparison.Ordinal);
    }
}
