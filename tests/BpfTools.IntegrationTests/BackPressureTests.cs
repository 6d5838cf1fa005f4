using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// A pipeline slower than the tool holds the tool back (bounded queue, full pipe). At the end of -Duration the tool is
/// read on until its output has drained past the window, so nothing it printed is lost; only if it is still held back
/// when that reading must end (a flood that never pauses) are the events left in its buffer lost uncounted, and the
/// user is told. Stand-in tool: a replay of 60,000 opensnoop lines, far more than the queue and the pipe hold.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class BackPressureTests : IDisposable
{
    private const string HeldBackWarning = "The pipeline was taking events more slowly than opensnoop made them when it was stopped";

    private readonly ModuleSession _session = new();
    private readonly List<string> _replays = [];

    public void Dispose()
    {
        _session.Dispose();
        _replays.ForEach(File.Delete);
    }

    [Fact]
    public void Standin_tool_held_back_at_the_end_of_the_Duration_is_read_until_drained_and_nothing_is_lost()
    {
        using var standIn = StandIn.Replay("opensnoop", ManyLines(60_000, DateTime.Now));
        // The first event stalls the pipeline past the end of -Duration, so the queue and the pipe are full by then.
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 1 -Verbose | ForEach-Object { if ($n++ -eq 0) { [Threading.Thread]::Sleep(3000) } }; $n");
        result.AssertNoErrors();
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith(HeldBackWarning, StringComparison.Ordinal));
        Assert.Equal(60_000, (int)result.Output[^1].BaseObject);
        Assert.Contains(result.Verbose, v => v.Contains("after -Duration ended", StringComparison.Ordinal)
            && v.Contains("until the tool's output went quiet: 0 events stamped after it were dropped", StringComparison.Ordinal));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_tool_events_stamped_after_the_Duration_are_dropped_counted_and_end_the_run()
    {
        // Stamped a minute on: every line read once -Duration is over is past the window. (Not across midnight,
        // where a time of day a minute on would read as nearly a day ago.)
        while (DateTime.Now.AddMinutes(1).Date != DateTime.Now.Date)
        {
            Thread.Sleep(1000);
        }
        using var standIn = StandIn.Replay("opensnoop", ManyLines(60_000, DateTime.Now.AddMinutes(1)));
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 1 -Verbose | ForEach-Object { if ($n++ -eq 0) { [Threading.Thread]::Sleep(3000) } }; $n");
        result.AssertNoErrors();
        var said = Assert.Single(result.Verbose, v => v.Contains("after -Duration ended", StringComparison.Ordinal));
        Assert.Contains("until an event stamped after it arrived", said, StringComparison.Ordinal);
        var dropped = int.Parse(System.Text.RegularExpressions.Regex.Match(said, @": (\d+) events stamped after it were dropped").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(dropped > 0);
        Assert.True((int)result.Output[^1].BaseObject < 60_000);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_tool_still_held_back_when_reading_after_the_Duration_must_end_is_warned_about()
    {
        using var standIn = StandIn.Replay("opensnoop", ManyLines(60_000, DateTime.Now));
        // Stalled longer than the run reads on after -Duration (10 s): the queue and the pipe are still full then.
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 1 | ForEach-Object { if ($n++ -eq 0) { [Threading.Thread]::Sleep(12000) } }; $n");
        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.StartsWith(HeldBackWarning, StringComparison.Ordinal));
        // What the stand-in wrote before it was stopped is all delivered: back-pressure, not dropping.
        Assert.True((int)result.Output[^1].BaseObject > 16 * 1024);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_tool_whose_pipeline_kept_up_gives_no_such_warning()
    {
        using var standIn = StandIn.Replay("opensnoop", ManyLines(60_000, DateTime.Now));
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 3 | ForEach-Object { $n++ }; $n");
        result.AssertNoErrors();
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith(HeldBackWarning, StringComparison.Ordinal));
        Assert.Equal(60_000, (int)result.Output[^1].BaseObject);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// The captured libbpf opensnoop output's header, then its readable rows repeated to <paramref name="rows"/>, each
    /// stamped with the time of day of <paramref name="stamp"/>, as if printed then.
    /// </summary>
    private string ManyLines(int rows, DateTime stamp)
    {
        var capture = File.ReadAllLines(StandIn.Fixture("captured/opensnoop-libbpf-TUe.txt"));
        // Rows only: the capture's spilled half of a path with a newline would be reported as unparsable.
        var time = stamp.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var records = capture.Skip(1).Where(l => l.Length > 8 && l[2] == ':' && l[5] == ':').Select(l => time + l[8..]).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"bpftools-backpressure-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, [capture[0], .. Enumerable.Range(0, rows).Select(i => records[i % records.Length])]);
        _replays.Add(path);
        return path;
    }
}
