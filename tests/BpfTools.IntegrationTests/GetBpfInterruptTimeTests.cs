using System.Net;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfInterruptTime on this kernel, for real (libbpf hardirqs and softirqs, on the irq tracepoints). Interrupts
/// are not per process, so the marker is the workload itself: loopback TCP on a port of this test's own (net_rx
/// softirqs), and fsync'd writes to a file of its own (the disk's hard irq).
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfInterruptTimeTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Softirq_totals_under_loopback_traffic_time_net_rx_and_timer()
    {
        using var traffic = new LoopbackTcp(IPAddress.Loopback);
        var result = _session.Invoke("Get-BpfInterruptTime -Kind Soft -Duration 2");
        result.AssertNoErrors();
        var names = result.Output.Select(s => (string)s.Properties["Name"].Value).ToList();
        Assert.Contains("net_rx", names);
        Assert.Contains("timer", names);
        Assert.All(result.Output, s =>
        {
            Assert.Equal("Soft", s.Properties["Kind"].Value.ToString());
            Assert.True((TimeSpan)s.Properties["TotalTime"].Value > TimeSpan.Zero);
            Assert.Null(s.Properties["Count"].Value);
        });
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Softirq_distributions_give_one_histogram_per_softirq()
    {
        using var traffic = new LoopbackTcp(IPAddress.Loopback);
        var result = _session.Invoke("Get-BpfInterruptTime -Kind Soft -Distribution -Duration 2");
        result.AssertNoErrors();
        var keys = result.Output.Select(h => (string)h.Properties["Key"].Value).ToList();
        Assert.Contains("net_rx", keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(result.Output, h => Assert.Equal(("softirqs", "softirq", "usecs"),
            ((string)h.Properties["Tool"].Value, (string)h.Properties["KeyKind"].Value, (string)h.Properties["Unit"].Value)));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Hardirq_counts_per_tool_interval_see_the_disk_under_fsync_writes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bpftools-irq-{Guid.NewGuid():N}");
        try
        {
            using var writes = Kernel.Repeat(() =>
            {
                using var f = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                f.Write(new byte[65536]);
                f.Flush(flushToDisk: true);
            }, everyMs: 50);
            var result = _session.Invoke("Get-BpfInterruptTime -Count -Interval 1 -Duration 2");
            result.AssertNoErrors();
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, s =>
            {
                Assert.Equal("Hard", s.Properties["Kind"].Value.ToString());
                Assert.True((long)s.Properties["Count"].Value > 0);
                Assert.Null(s.Properties["TotalTime"].Value);
            });
            // The tool's own intervals, one per -T timestamp: each window starts where the previous one ended.
            var windows = result.Output.Select(s => ((DateTime)s.Properties["Start"].Value, (DateTime)s.Properties["End"].Value))
                .Distinct().OrderBy(w => w.Item2).ToList();
            Assert.InRange(windows.Count, 2, 3);
            Assert.All(windows.Skip(1).Zip(windows), p => Assert.Equal(p.Second.Item2, p.First.Item1));
            // Whole intervals (between the first, which starts with the tool, and the last) last about a second. The last may be cut short: -Duration counts from the tool's start,
            // its intervals from its attach, so on a loaded host (slow attach) the run ends, and the tool prints what it
            // has, milliseconds into its second interval (a CI run here saw a 3 ms last window). Never longer, though.
            Assert.All(windows.Skip(1).SkipLast(1), w => Assert.InRange(w.Item2 - w.Item1, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5)));
            Assert.InRange(windows[^1].Item2 - windows[^1].Item1, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Count_with_soft_interrupts_is_refused_before_anything_runs()
    {
        var result = _session.Invoke("Get-BpfInterruptTime -Kind Soft -Count -Duration 1");
        Assert.Equal("CountNeedsHardInterrupts,BpfTools.Commands.GetBpfInterruptTimeCommand", result.Failure.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.Empty(Kernel.ChildTools());
    }
}
