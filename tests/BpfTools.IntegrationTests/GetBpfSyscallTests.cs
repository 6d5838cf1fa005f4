using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfSyscall on this kernel, for real, through libbpf-tools' syscount and syscount.bt (bcc is not installed:
/// its stand-in replays captured output). The marker is a copy of python3 under a unique name holding a space,
/// which fails a close() every 50 ms (so every window has a row, and the test knows tracing has started) and, when
/// told on stdin, calls getpriority() exactly 3000 times and fails openat() with ENOENT exactly 700 times.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfSyscallTests : IDisposable
{
    private const string Workload = """
        import os, select, sys
        while True:
            try:
                os.close(1000000)
            except OSError:
                pass
            ready, _, _ = select.select([sys.stdin], [], [], 0.05)
            if ready:
                if not sys.stdin.readline():
                    break
                for _ in range(3000):
                    os.getpriority(os.PRIO_PROCESS, 0)
                for _ in range(700):
                    try:
                        os.open(sys.argv[1], os.O_RDONLY)
                    except OSError:
                        pass
        """;

    private readonly ModuleSession _session = new();
    private readonly string _name = "sc " + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
    private readonly string _binary;
    private readonly Process _workload;

    public GetBpfSyscallTests()
    {
        _binary = Path.Combine(Path.GetTempPath(), _name);
        File.Copy("/usr/bin/python3", _binary, overwrite: true);
        File.SetUnixFileMode(_binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _workload = Process.Start(new ProcessStartInfo(_binary, ["-c", Workload, Kernel.UniqueMissingPath("syscount")])
        {
            RedirectStandardInput = true,
        })!;
    }

    public void Dispose()
    {
        _workload.StandardInput.Close();
        if (!_workload.WaitForExit(5000))
        {
            _workload.Kill();
        }
        _workload.Dispose();
        File.Delete(_binary);
        _session.Dispose();
    }

    /// <summary>Runs the cmdlet, waits for its first record (tracing has started), then has the workload make its calls.</summary>
    private PsResult RunWithBurst(string arguments)
    {
        var running = _session.Start($"Get-BpfSyscall -ProcessId {_workload.Id} -Interval 1 -Duration 4 {arguments}");
        Assert.True(running.WaitForOutput(1, TimeSpan.FromSeconds(30)), "no window came");
        _workload.StandardInput.WriteLine("go");
        _workload.StandardInput.Flush();
        return ModuleSession.Complete(running, null);
    }

    private static long Long(PSObject o, string name) => Assert.IsType<long>(o.Properties[name].Value);

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void A_process_s_calls_are_counted_exactly_with_their_time(string backend)
    {
        var result = RunWithBurst($"-Latency -Backend {backend}");
        result.AssertNoErrors();
        Assert.All(result.Output, o =>
        {
            Assert.Equal("BpfTools.Records.SyscallSummary", o.BaseObject.GetType().FullName);
            Assert.IsType<string>(o.Properties["Syscall"].Value);
            Assert.Null(o.Properties["ProcessId"].Value);
            Assert.IsType<TimeSpan>(o.Properties["TotalTime"].Value);
            Assert.True(Assert.IsType<DateTime>(o.Properties["End"].Value) > (DateTime)o.Properties["Start"].Value);
        });
        Assert.Equal(3000L, result.Output.Where(o => (string)o.Properties["Syscall"].Value == "getpriority").Sum(o => Long(o, "Count")));
        var opens = result.Output.Where(o => (string)o.Properties["Syscall"].Value == "openat").ToList();
        Assert.Equal(700L, opens.Sum(o => Long(o, "Count")));
        Assert.All(opens, o => Assert.True((TimeSpan)o.Properties["AverageTime"].Value > TimeSpan.Zero));
        // syscount.bt counts failures; libbpf's syscount does not.
        if (backend == "Bpftrace")
        {
            Assert.Equal(700L, opens.Sum(o => Long(o, "Errors")));
        }
        else
        {
            Assert.All(opens, o => Assert.Null(o.Properties["Errors"].Value));
        }
        Assert.Contains(result.Output, o => (string)o.Properties["Syscall"].Value == "close");
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Failed_calls_only_per_process_give_the_marker_with_its_errors(string backend)
    {
        var result = RunWithBurst($"-FailedOnly -PerProcess -Backend {backend}");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal((_workload.Id, _name), ((int)o.Properties["ProcessId"].Value, (string)o.Properties["ProcessName"].Value));
            Assert.Null(o.Properties["Syscall"].Value);
            Assert.Null(o.Properties["TotalTime"].Value);
            Assert.Equal(Long(o, "Count"), (long)o.Properties["Errors"].Value);
        });
        // 700 failed opens and a failed close every 50 ms; no getpriority.
        var total = result.Output.Sum(o => Long(o, "Count"));
        Assert.InRange(total, 700 + 10, 700 + 400);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_bcc_syscount_replaying_captured_latency_tables_goes_through_the_whole_cmdlet()
    {
        // bcc's syscount prints libbpf's layout (the same format strings); it is not installed here.
        var record = Path.Combine(Path.GetTempPath(), $"bpftools-syscount-args-{Guid.NewGuid():N}");
        try
        {
            using var headers = AssumedFeatures.KernelHeadersOnly();
            using var standIn = StandIn.Replay("syscount-bpfcc", StandIn.Fixture("captured/syscount-libbpf-LmP-eENOENT-i1-d2.txt"), recordTo: record);
            var result = _session.Invoke("Get-BpfSyscall -Duration 2 -Backend Bcc -Latency -PerProcess -ErrorName enoent -Interval 1");
            result.AssertNoErrors();
            Assert.Equal(["-T", "10", "-L", "-P", "-e", "2", "-i", "1", "-d", "12"], StandIn.ReadRecord(record).Arguments);
            Assert.Equal(5, result.Output.Count);
            var first = result.Output[0];
            Assert.Equal((12740, "open with space", 17400L, 17400L),
                ((int)first.Properties["ProcessId"].Value, (string)first.Properties["ProcessName"].Value, Long(first, "Count"), Long(first, "Errors")));
            Assert.Equal(TimeSpan.FromTicks(400410), first.Properties["TotalTime"].Value);
        }
        finally
        {
            File.Delete(record);
        }
    }

    [Theory]
    [InlineData("-ErrorName ENOPE", "ENOPE")]
    [InlineData("-Top 0", "Top")]
    [InlineData("-Interval 0", "Interval")]
    [InlineData("-ProcessId 0", "ProcessId")]
    public void Bad_parameters_are_refused_before_anything_runs(string arguments, string words)
    {
        var error = _session.Invoke($"Get-BpfSyscall {arguments}").Failure;
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(words, error.ToString() + error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildTools());
    }
}
