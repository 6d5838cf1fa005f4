using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// A pipeline slower than the tool holds the tool back (bounded queue, full pipe); if it still is when the tool is
/// stopped, the events left in the kernel's buffer are lost uncounted, and the user is told. Stand-in tool: a
/// replay of 60,000 captured opensnoop lines, far more than the queue and the pipe hold.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class BackPressureTests : IDisposable
{
    private const string HeldBackWarning = "The pipeline was taking events more slowly than opensnoop made them when it was stopped";

    private readonly ModuleSession _session = new();
    private readonly string _replay = ManyLines(60_000);

    public void Dispose()
    {
        _session.Dispose();
        File.Delete(_replay);
    }

    [Fact]
    public void Standin_tool_still_held_back_by_a_stalled_pipeline_when_stopped_is_warned_about()
    {
        using var standIn = StandIn.Replay("opensnoop", _replay);
        // The first event stalls the pipeline past the end of -Duration, so the queue and the pipe are full by then.
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 1 | ForEach-Object { if ($n++ -eq 0) { [Threading.Thread]::Sleep(3000) } }; $n");
        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.StartsWith(HeldBackWarning, StringComparison.Ordinal));
        // What the stand-in wrote before it was stopped is all delivered: back-pressure, not dropping.
        Assert.True((int)result.Output[^1].BaseObject > 16 * 1024);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_tool_whose_pipeline_kept_up_gives_no_such_warning()
    {
        using var standIn = StandIn.Replay("opensnoop", _replay);
        var result = _session.Invoke("$n = 0; Get-BpfOpen -Backend Libbpf -Duration 3 | ForEach-Object { $n++ }; $n");
        result.AssertNoErrors();
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith(HeldBackWarning, StringComparison.Ordinal));
        Assert.Equal(60_000, (int)result.Output[^1].BaseObject);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    /// <summary>The captured libbpf opensnoop output's header, then its readable rows repeated to <paramref name="rows"/>.</summary>
    private static string ManyLines(int rows)
    {
        var capture = File.ReadAllLines(StandIn.Fixture("captured/opensnoop-libbpf-TUe.txt"));
        // Rows only: the capture's spilled half of a path with a newline would be reported as unparsable.
        var records = capture.Skip(1).Where(l => l.Length > 8 && l[2] == ':' && l[5] == ':').ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"bpftools-backpressure-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, [capture[0], .. Enumerable.Range(0, rows).Select(i => records[i % records.Length])]);
        return path;
    }
}
