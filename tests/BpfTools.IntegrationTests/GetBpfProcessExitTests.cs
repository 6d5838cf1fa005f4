using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfProcessExit on this kernel, for real: copies of sh and sleep under names of the test's own exit with
/// code 3 and die by SIGKILL.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfProcessExitTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _marker = "bx" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _exits;
    private readonly string _killed;

    public GetBpfProcessExitTests()
    {
        // The process name is the file name (at most 15 characters): "<marker>-e3" and "<marker>-k9".
        _exits = Path.Combine(Path.GetTempPath(), _marker + "-e3");
        _killed = Path.Combine(Path.GetTempPath(), _marker + "-k9");
        File.Copy("/bin/sh", _exits);
        File.Copy("/bin/sleep", _killed);
    }

    public void Dispose()
    {
        File.Delete(_exits);
        File.Delete(_killed);
        _session.Dispose();
    }

    /// <summary>Until disposed: one process exits with code 3, another is killed by SIGKILL after 100 ms.</summary>
    private IDisposable RepeatExits() => Kernel.Repeat(() =>
    {
        using (var sh = Process.Start(_exits, ["-c", "exit 3"]))
        {
            sh.WaitForExit();
        }
        using var sleep = Process.Start(_killed, ["30"]);
        Thread.Sleep(100);
        sleep.Kill();
        sleep.WaitForExit();
    });

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Exit_code_and_killing_signal_come_typed(string backend)
    {
        PsResult result;
        using (RepeatExits())
        {
            result = _session.Invoke($"Get-BpfProcessExit -Duration 3 -Backend {backend} -Name {_marker}");
        }
        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.StartsWith(_marker, (string)o.Properties["ProcessName"].Value, StringComparison.Ordinal));

        var exited = result.Output.First(o => (string)o.Properties["ProcessName"].Value == _marker + "-e3");
        Assert.Equal("BpfTools.Records.ProcessExitEvent", exited.BaseObject.GetType().FullName);
        Assert.Equal(3, Assert.IsType<int>(exited.Properties["ExitCode"].Value));
        Assert.Null(exited.Properties["Signal"].Value);
        Assert.Equal(Environment.ProcessId, Assert.IsType<int>(exited.Properties["ParentProcessId"].Value));
        Assert.Equal(exited.Properties["ProcessId"].Value, exited.Properties["ThreadId"].Value);
        Assert.InRange(Assert.IsType<DateTime>(exited.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);

        var killed = result.Output.First(o => (string)o.Properties["ProcessName"].Value == _marker + "-k9");
        Assert.Null(killed.Properties["ExitCode"].Value);
        Assert.Equal("SIGKILL", killed.Properties["Signal"].Value);
        Assert.False((bool)killed.Properties["CoreDumped"].Value);
        // Killed 100 ms after its start: its age says so.
        Assert.InRange(Assert.IsType<TimeSpan>(killed.Properties["Age"].Value), TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(2));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void FailedOnly_and_ProcessId_go_to_the_tool(string backend)
    {
        // A pid filter on this test process: its own exits never come, so a record would mean the filter leaked.
        using (RepeatExits())
        {
            var failed = _session.Invoke($"Get-BpfProcessExit -Duration 3 -FailedOnly -Backend {backend} -Verbose | Where ProcessName -like '{_marker}*'");
            failed.AssertNoErrors();
            Assert.Contains(failed.Output, o => (string)o.Properties["ProcessName"].Value == _marker + "-e3");
            Assert.All(failed.Output, o => Assert.True((bool)o.Properties["Failed"].Value));
            var mine = _session.Invoke($"Get-BpfProcessExit -Duration 2 -Backend {backend} -ProcessId {Environment.ProcessId}");
            mine.AssertNoErrors();
            Assert.Empty(mine.Output);
        }
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        using (RepeatExits())
        {
            var result = _session.Invoke($"Get-BpfProcessExit -Duration 3 -Name {_marker}-k9 -MaxEvents 1");
            var original = Assert.Single(result.Output);
            var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
            foreach (var property in original.Properties)
            {
                Assert.True(property.Value is null or string or int or bool or DateTime or TimeSpan, $"{property.Name} is {property.Value?.GetType()}");
                Assert.Equal(property.Value, copy.Properties[property.Name].Value);
            }
        }
    }

    [Fact]
    public void Standin_bcc_exitsnoop_replaying_its_published_output_goes_through_the_whole_cmdlet()
    {
        // bcc is not installed here: a stand-in takes exitsnoop-bpfcc's name and prints bcc's published output,
        // with a line of garbage added. The -ProcessId filter is the cmdlet's own (bcc's -p would end the run).
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-exitsnoop-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("bcc-examples/exitsnoop.txt")), "19013 garbage"]);
        try
        {
            using var headers = AssumedFeatures.KernelHeadersOnly();
            using var standIn = StandIn.Replay("exitsnoop-bpfcc", replay, recordTo: record);
            var all = _session.Invoke("Get-BpfProcessExit -Duration 2 -Backend Bcc -FailedOnly -IncludeThreads");
            Assert.Equal(["--per-thread", "-x"], StandIn.ReadRecord(record).Arguments);
            Assert.Equal(8, all.Output.Count);
            var error = Assert.Single(all.Errors);
            Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfProcessExitCommand", error.FullyQualifiedErrorId);

            var one = _session.Invoke("Get-BpfProcessExit -Duration 2 -Backend Bcc -ProcessId 19013");
            Assert.Empty(StandIn.ReadRecord(record).Arguments);
            var bash = Assert.Single(one.Output);
            Assert.Equal(("bash", 17656, "SIGINT"),
                ((string)bash.Properties["ProcessName"].Value, (int)bash.Properties["ParentProcessId"].Value, (string)bash.Properties["Signal"].Value));
            Assert.Equal(TimeSpan.FromSeconds(0.23), bash.Properties["Age"].Value);
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
    }
}
