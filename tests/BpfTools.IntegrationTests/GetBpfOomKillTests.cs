using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfOomKill. Real OOM kills happen in a memory cgroup of the test's own (20 MB): a copy of tail under the
/// test's name holds 12 MB, another grows until the cgroup is full, so the OOM killer kills the holder (triggered
/// by the grower), then the grower. The bpftrace backend traces them for real; libbpf-tools' and bcc's oomkill
/// need kprobes, which this kernel lacks: their refusal is real, their output goes through stand-ins.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfOomKillTests : IDisposable
{
    private const string Cmdlet = "BpfTools.Commands.GetBpfOomKillCommand";

    private readonly ModuleSession _session = new();
    private readonly string _marker = "bo" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _hold;
    private readonly string _grow;
    private readonly string _record = Path.Combine(Path.GetTempPath(), $"bpftools-oomkill-args-{Guid.NewGuid():N}");

    public GetBpfOomKillTests()
    {
        _hold = Path.Combine(Path.GetTempPath(), _marker + "-hold");
        _grow = Path.Combine(Path.GetTempPath(), _marker + "-grow");
        File.Copy("/usr/bin/tail", _hold);
        File.Copy("/usr/bin/tail", _grow);
    }

    public void Dispose()
    {
        File.Delete(_hold);
        File.Delete(_grow);
        File.Delete(_record);
        _session.Dispose();
    }

    /// <summary>Until disposed: the holder and the grower in a fresh 20 MB cgroup, each round ending in two OOM kills.</summary>
    private IDisposable RepeatOomKills() => Kernel.Repeat(() =>
    {
        using var cgroup = MemoryCgroup.Create($"bpftools-{_marker}", 20 << 20);
        // tail buffers input that has no newline: the holder keeps 12 MB until killed, the grower grows to the limit.
        var script = $"echo $$ > {cgroup.Procs} && {{ (head -c 12M /dev/zero; sleep 1) | {_hold} & sleep 0.5; head -c 100M /dev/zero | {_grow}; wait; }}";
        using var sh = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardError = true });
        sh!.WaitForExit();
    }, everyMs: 300);

    [Theory]
    [InlineData("Bpftrace")]
    [InlineData("Auto")]
    public void Oom_kills_in_the_tests_own_cgroup_come_typed_with_trigger_and_victim(string backend)
    {
        PsResult result;
        using (RepeatOomKills())
        {
            result = _session.Invoke($"Get-BpfOomKill -Duration 4 -Backend {backend} -Verbose | Where ProcessName -like '{_marker}-*'");
        }
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("chose the Bpftrace backend", StringComparison.Ordinal));

        // An allocation in the cgroup ran the OOM killer, which chose the larger holder: the grower's own, or that
        // of the head writing into its pipe (pipe buffers are charged to the writer's cgroup).
        string[] triggers = [_marker + "-grow", "head"];
        var holder = result.Output.First(o => (string)o.Properties["ProcessName"].Value == _marker + "-hold");
        Assert.Equal("BpfTools.Records.OomKillEvent", holder.BaseObject.GetType().FullName);
        Assert.Contains((string)holder.Properties["TriggerName"].Value, triggers);
        Assert.NotEqual(holder.Properties["ProcessId"].Value, holder.Properties["TriggerProcessId"].Value);
        Assert.InRange(Assert.IsType<long>(holder.Properties["RssBytes"].Value), 10L << 20, 20L << 20);
        Assert.Equal((0, 0L), (Assert.IsType<int>(holder.Properties["OomScoreAdjust"].Value), (long)holder.Properties["Uid"].Value));
        Assert.Null(holder.Properties["TotalPages"].Value);
        Assert.InRange(Assert.IsType<DateTime>(holder.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);

        // Then the grower, by its own allocation or its writer's.
        var grower = result.Output.First(o => (string)o.Properties["ProcessName"].Value == _marker + "-grow");
        Assert.Contains((string)grower.Properties["TriggerName"].Value, triggers);
        Assert.InRange((int)grower.Properties["TriggerProcessId"].Value, 2, int.MaxValue);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [NoKprobesFact]
    public void Libbpf_oomkill_is_refused_before_it_starts_on_this_kernel_without_kprobes()
    {
        var error = _session.Invoke("Get-BpfOomKill -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal($"KprobesUnavailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal("oomkill", error.TargetObject);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_libbpf_oomkill_failing_as_it_did_here_becomes_AttachFailed_with_its_words()
    {
        using var assumed = AssumedFeatures.KprobesOnly();
        using var standIn = StandIn.FailToAttach("oomkill", File.ReadAllText(StandIn.Fixture("captured/oomkill-libbpf-no-kprobes.stderr.txt")).TrimEnd('\n'));
        var error = _session.Invoke("Get-BpfOomKill -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal($"AttachFailed,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains("failed to attach BPF programs", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standin_libbpf_oomkill_replaying_its_published_line_gives_the_kill_with_pages_and_load()
    {
        using var assumed = AssumedFeatures.KprobesOnly();
        using var standIn = StandIn.Replay("oomkill", StandIn.Fixture("published/oomkill-libbpf-bcc-pr3811.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfOomKill -Duration 2 -Backend Libbpf");
        result.AssertNoErrors();
        Assert.Empty(StandIn.ReadRecord(_record).Arguments);
        var kill = Assert.Single(result.Output);
        Assert.Equal(("perf", 636163, "mysql", 321382L, 0.10),
            ((string)kill.Properties["TriggerName"].Value, (int)kill.Properties["ProcessId"].Value, (string)kill.Properties["ProcessName"].Value,
             (long)kill.Properties["TotalPages"].Value, (double)kill.Properties["LoadAverage1"].Value));
        Assert.Null(kill.Properties["RssBytes"].Value);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_bcc_oomkill_replaying_its_published_output_goes_through_the_whole_cmdlet()
    {
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-oomkill-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("bcc-examples/oomkill.txt")), "21:03:50 Triggered by PID 1 (\"trunc"]);
        try
        {
            using var assumed = AssumedFeatures.All(); // kprobes and headers, which the stand-in needs neither of
            using var standIn = StandIn.Replay("oomkill-bpfcc", replay, recordTo: _record);
            var all = _session.Invoke("Get-BpfOomKill -Duration 2 -Backend Bcc");
            Assert.Empty(StandIn.ReadRecord(_record).Arguments);
            Assert.Equal(2, all.Output.Count);
            Assert.Equal($"UnparsableOutput,{Cmdlet}", Assert.Single(all.Errors).FullyQualifiedErrorId);
            var first = all.Output[0];
            Assert.Equal((3297, "ntpd", 22516, "perl", 3850642L),
                ((int)first.Properties["TriggerProcessId"].Value, (string)first.Properties["TriggerName"].Value,
                 (int)first.Properties["ProcessId"].Value, (string)first.Properties["ProcessName"].Value, (long)first.Properties["TotalPages"].Value));
            var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(first));
            Assert.Equal(3850642L, copy.Properties["TotalPages"].Value);
        }
        finally
        {
            File.Delete(replay);
        }
    }
}
