using System.Diagnostics;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfSignal on this kernel, for real: a copy of sh under the test's own name sends SIGUSR1 to a copy of
/// sleep under another, and SIGUSR1 to a process that does not exist (ESRCH).
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfSignalTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _marker = "bs" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _sender;
    private readonly string _target;

    public GetBpfSignalTests()
    {
        _sender = Path.Combine(Path.GetTempPath(), _marker + "-s");
        _target = Path.Combine(Path.GetTempPath(), _marker + "-t");
        File.Copy("/bin/sh", _sender);
        File.Copy("/bin/sleep", _target);
    }

    public void Dispose()
    {
        File.Delete(_sender);
        File.Delete(_target);
        _session.Dispose();
    }

    /// <summary>A pid no process has now (pid_max is 32768 here), for the ESRCH kill.</summary>
    private static int FreePid() => Enumerable.Range(32000, 700).Reverse().First(p => !Directory.Exists($"/proc/{p}"));

    /// <summary>Until disposed: SIGUSR1 to a fresh sleep, then to <paramref name="missing"/>.</summary>
    private IDisposable RepeatKills(int missing) => Kernel.Repeat(() =>
    {
        using var target = Process.Start(_target, ["30"]);
        using (var sh = Process.Start(new ProcessStartInfo(_sender, ["-c", $"kill -USR1 {target.Id}; kill -USR1 {missing}"]) { RedirectStandardError = true }))
        {
            sh!.WaitForExit();
        }
        target.WaitForExit();
    });

    [Theory]
    [InlineData("Libbpf", true)]
    [InlineData("Libbpf", false)]
    [InlineData("Bpftrace", true)]
    [InlineData("Bpftrace", false)]
    public void The_sent_signal_and_the_failed_kill_come_typed(string backend, bool killOnly)
    {
        var missing = FreePid();
        PsResult result;
        using (RepeatKills(missing))
        {
            result = _session.Invoke($"Get-BpfSignal -Duration 3 -Backend {backend} {(killOnly ? "-KillOnly" : "")} | Where SenderName -eq '{_marker}-s'");
        }
        result.AssertNoErrors();
        var sent = result.Output.First(o => (int)o.Properties["Result"].Value == 0);
        Assert.Equal("BpfTools.Records.SignalEvent", sent.BaseObject.GetType().FullName);
        Assert.Equal(("SIGUSR1", 10, (string?)null), ((string)sent.Properties["Signal"].Value, (int)sent.Properties["SignalNumber"].Value, (string?)sent.Properties["Error"].Value));
        Assert.InRange(Assert.IsType<DateTime>(sent.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
        // Only the kill route sees a kill that generated no signal.
        var failed = result.Output.Where(o => (int)o.Properties["TargetProcessId"].Value == missing).ToList();
        if (killOnly)
        {
            Assert.Contains(failed, o => (int)o.Properties["Result"].Value == -3 && (string)o.Properties["Error"].Value == "ESRCH");
        }
        else
        {
            Assert.Empty(failed);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void FailedOnly_and_Signal_go_to_the_tool(string backend)
    {
        var missing = FreePid();
        using (RepeatKills(missing))
        {
            var failed = _session.Invoke($"Get-BpfSignal -KillOnly -FailedOnly -Signal usr1 -Duration 3 -Backend {backend} | Where SenderName -eq '{_marker}-s'");
            failed.AssertNoErrors();
            Assert.NotEmpty(failed.Output);
            Assert.All(failed.Output, o => Assert.Equal((missing, "ESRCH"), ((int)o.Properties["TargetProcessId"].Value, (string)o.Properties["Error"].Value)));
            var other = _session.Invoke($"Get-BpfSignal -KillOnly -Signal SIGRTMAX -Duration 2 -Backend {backend} | Where SenderName -eq '{_marker}-s'");
            other.AssertNoErrors();
            Assert.Empty(other.Output);
        }
    }

    [Fact]
    public void Standin_bcc_killsnoop_replaying_its_published_output_goes_through_the_whole_cmdlet()
    {
        // bcc's killsnoop needs kprobes, which this kernel lacks: a stand-in takes its name and prints bcc's
        // published output, with a line of garbage added.
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-killsnoop-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("bcc-examples/killsnoop.txt")), "12:11:34  garbage"]);
        try
        {
            using var assumed = AssumedFeatures.All(); // kprobes and headers, which the stand-in needs neither of
            using var standIn = StandIn.Replay("killsnoop-bpfcc", replay, recordTo: record);
            var all = _session.Invoke("Get-BpfSignal -KillOnly -Duration 2 -Backend Bcc -FailedOnly -Signal SIGKILL -ProcessId 13967");
            Assert.Equal(["-x", "-p", "13967", "-s", "9"], StandIn.ReadRecord(record).Arguments);
            Assert.Equal(3, all.Output.Count);
            Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfSignalCommand", Assert.Single(all.Errors).FullyQualifiedErrorId);
            Assert.Equal(("bash", 1024, "SIGKILL", "ESRCH"),
                ((string)all.Output[1].Properties["SenderName"].Value, (int)all.Output[1].Properties["TargetProcessId"].Value,
                 (string)all.Output[1].Properties["Signal"].Value, (string)all.Output[1].Properties["Error"].Value));
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
    }
}
