using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfDirectReclaim. drsnoop's tracepoints attach here, but no direct reclaim happens: the host has 22 GB free,
/// forcing one would squeeze every process on it, and a memory cgroup's limit makes memcg reclaim, which drsnoop
/// (and drsnoop.bt) does not trace. So the kernel tests prove a real attach and a clean end with no event; rows go
/// through the whole cmdlet from a stand-in replaying bcc's published output.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfDirectReclaimTests : IDisposable
{
    private const string Cmdlet = "BpfTools.Commands.GetBpfDirectReclaimCommand";

    private readonly ModuleSession _session = new();
    private readonly string _record = Path.Combine(Path.GetTempPath(), $"bpftools-drsnoop-args-{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(_record);
        _session.Dispose();
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void No_direct_reclaim_here_so_a_real_run_attaches_sees_none_and_ends_cleanly(string backend)
    {
        var started = Stopwatch.StartNew();
        var result = _session.Invoke($"Get-BpfDirectReclaim -Duration 2 -ProcessId {Environment.ProcessId} -Backend {backend} -Verbose");
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        // Attached (the header or bpftrace's attach notice was read), traced the window, and said it saw nothing.
        Assert.Contains(result.Warnings, w => w.Contains("printed no events", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains($"running the {backend} backend", StringComparison.Ordinal));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void No_direct_reclaim_here_so_Auto_runs_libbpf_drsnoop_and_ends_cleanly()
    {
        var result = _session.Invoke("Get-BpfDirectReclaim -Duration 1 -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("chose the Libbpf backend", StringComparison.Ordinal));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_bcc_drsnoop_replaying_its_published_output_goes_through_the_whole_cmdlet()
    {
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-drsnoop-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("bcc-examples/drsnoop-U.txt")), "0     head           17825"]);
        try
        {
            using var assumed = AssumedFeatures.All(); // kernel headers, which the stand-in does not need
            using var standIn = StandIn.Replay("drsnoop-bpfcc", replay, recordTo: _record);
            var all = _session.Invoke("Get-BpfDirectReclaim -Duration 2 -Backend Bcc -ProcessId 17678 -ThreadId 17679");
            Assert.Equal(["-T", "-U", "-p", "17678", "-t", "17679", "-d", "12"], StandIn.ReadRecord(_record).Arguments);
            Assert.Equal(6, all.Output.Count);
            Assert.Equal($"UnparsableOutput,{Cmdlet}", Assert.Single(all.Errors).FullyQualifiedErrorId);
            var row = all.Output[2]; // "1000  summond        17678      0.43   283"
            Assert.Equal("BpfTools.Records.DirectReclaimEvent", row.BaseObject.GetType().FullName);
            Assert.Equal(("summond", 17678, 1000L, TimeSpan.FromTicks(4300), 283L),
                ((string)row.Properties["ProcessName"].Value, (int)row.Properties["ProcessId"].Value, (long)row.Properties["Uid"].Value,
                 (TimeSpan)row.Properties["Latency"].Value, (long)row.Properties["Pages"].Value));
            Assert.Null(row.Properties["ThreadId"].Value);
            var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(row));
            Assert.Equal(TimeSpan.FromTicks(4300), copy.Properties["Latency"].Value);
        }
        finally
        {
            File.Delete(replay);
        }
    }

    [Fact]
    public void Standin_libbpf_drsnoop_replaying_its_capture_here_is_a_quiet_run_not_an_error()
    {
        using var standIn = StandIn.Replay("drsnoop", StandIn.Fixture("captured/drsnoop-libbpf-d2.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfDirectReclaim -Duration 1 -Backend Libbpf");
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Equal(["-d", "11"], StandIn.ReadRecord(_record).Arguments);
    }
}
