using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfRunQueueDelay on this kernel, for real: two CPU hogs keep the CPUs busy while a process of a name of
/// the test's own (its marker) sleeps 2 ms at a time, so that each of its wakeups waits for a CPU.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfRunQueueDelayTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Marked_process_waking_often_beside_CPU_hogs_has_its_delays_reported(string backend)
    {
        PsResult result;
        using (var workload = new BusyWakeups())
        {
            // -ThreadId: the marker's main thread, the one that sleeps (python's id is the process id).
            result = _session.Invoke($"Get-BpfRunQueueDelay 50 -Duration 4 -Backend {backend} -ProcessId {workload.Marker.Id} -ThreadId {workload.Marker.Id}");
        }
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("BpfTools.Records.RunQueueDelayEvent", o.BaseObject.GetType().FullName);
            Assert.Equal(BusyWakeups.MarkerName, o.Properties["ProcessName"].Value);
            Assert.True(Assert.IsType<TimeSpan>(o.Properties["Delay"].Value) > TimeSpan.FromMicroseconds(50));
            Assert.InRange(Assert.IsType<DateTime>(o.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
            // Both backends say which thread ran before (libbpf-tools through -P).
            Assert.NotEqual("", o.Properties["PreviousProcessName"].Value);
            Assert.True(Assert.IsType<int>(o.Properties["PreviousThreadId"].Value) >= 0);
        });
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Threshold_of_zero_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Get-BpfRunQueueDelay 0 -Duration 1").Failure;
        Assert.Equal("ParameterArgumentValidationError,BpfTools.Commands.GetBpfRunQueueDelayCommand", error.FullyQualifiedErrorId);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_bcc_runqslower_gets_the_same_flags_and_the_cmdlet_applies_the_exact_threshold()
    {
        // bcc's runqslower.py is not installed here and tests/fixtures has no published output of it: the stand-in
        // replays libbpf-tools' capture of `runqslower -P 100` (bcc prints the same columns), plus garbage.
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-runqslower-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        var lines = File.ReadAllLines(StandIn.Fixture("captured/runqslower-libbpf-P-100.txt"));
        File.WriteAllLines(replay, [.. lines, "15:02:46 garbage"]);
        try
        {
            using var headers = AssumedFeatures.KernelHeadersOnly();
            using var standIn = StandIn.Replay("runqslower-bpfcc", replay, recordTo: record);
            // 8000.5 us: the tool gets 8000, the cmdlet keeps only what is over 8000.5.
            var result = _session.Invoke("Get-BpfRunQueueDelay ([timespan]::FromTicks(80005)) -Duration 2 -Backend Bcc -ProcessId 13205");
            Assert.Null(result.Terminating);
            Assert.Equal(["-P", "-p", "13205", "8000"], StandIn.ReadRecord(record).Arguments);
            var expected = lines.Skip(2).Count(l => long.Parse(l.AsSpan(34, 14).Trim(), System.Globalization.CultureInfo.InvariantCulture) > 8000);
            Assert.Equal(expected, result.Output.Count);
            Assert.All(result.Output, o => Assert.True((TimeSpan)o.Properties["Delay"].Value > TimeSpan.FromTicks(80005)));
            Assert.Contains(result.Output, o => (string)o.Properties["ProcessName"].Value == "spin with space");
            var error = Assert.Single(result.Errors);
            Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfRunQueueDelayCommand", error.FullyQualifiedErrorId);
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    /// <summary>Two shell loops hogging the CPUs, and the marker: a python3 copy named for this test that sleeps 2 ms at a time.</summary>
    private sealed class BusyWakeups : IDisposable
    {
        public const string MarkerName = "bpfrq-marker";

        private readonly string _dir = Directory.CreateTempSubdirectory("bpftools-rq-").FullName;
        private readonly List<Process> _hogs = [];

        public BusyWakeups()
        {
            for (var i = 0; i < Environment.ProcessorCount; i++)
            {
                _hogs.Add(Process.Start("/bin/sh", ["-c", "while :; do :; done"]));
            }
            var marker = Path.Combine(_dir, MarkerName);
            File.Copy("/usr/bin/python3", marker);
            File.SetUnixFileMode(marker, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Marker = Process.Start(marker, ["-c", "import time\nwhile True: time.sleep(0.002)"]);
        }

        public Process Marker { get; }

        public void Dispose()
        {
            foreach (var process in _hogs.Append(Marker))
            {
                process.Kill();
                process.WaitForExit();
                process.Dispose();
            }
            Directory.Delete(_dir, true);
        }
    }
}
