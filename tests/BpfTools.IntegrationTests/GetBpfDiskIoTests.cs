using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfDiskIo on this kernel, for real: the test writes a file of its own with dd and direct I/O (so the writes go
/// to the disk at once, from dd itself). libbpf-tools 0.26's biosnoop cannot load here (its fentry program is refused):
/// its text is tested through a stand-in replaying bcc's published capture.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfDiskIoTests : IDisposable
{
    // What libbpf-tools 0.26's biosnoop printed on this machine, as root, before exiting with 1.
    private static readonly string RealLoadFailure = File.ReadAllText(StandIn.Fixture("captured/biosnoop-libbpf-stderr.txt")).TrimEnd('\n');

    private readonly ModuleSession _session = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpftools-diskio-{Guid.NewGuid():N}");
    private readonly ConcurrentBag<int> _ddPids = [];

    public void Dispose()
    {
        File.Delete(_file);
        _session.Dispose();
    }

    /// <summary>Runs dd writing 64 blocks of 4 KiB with O_DIRECT to this test's own file until disposed.</summary>
    private IDisposable RepeatDirectWrites() => Kernel.Repeat(() =>
    {
        using var dd = Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", $"of={_file}", "bs=4k", "count=64", "oflag=direct"])
        {
            RedirectStandardError = true,
        })!;
        _ddPids.Add(dd.Id);
        dd.StandardError.ReadToEnd();
        dd.WaitForExit();
    }, 300);

    private List<PSObject> DdEvents(PsResult result) =>
        [.. result.Output.Where(o => _ddPids.Contains((int)o.Properties["ProcessId"].Value))];

    [BlockDeviceFact]
    public void Auto_falls_back_from_libbpf_and_finds_the_direct_writes_of_dd_typed()
    {
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke("Get-BpfDiskIo -Duration 4 -Verbose");
        }
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("Libbpf backend failed to start", StringComparison.Ordinal)
            && v.Contains("failed to attach to this kernel", StringComparison.Ordinal)
            && v.Contains("failed to load BPF object", StringComparison.Ordinal)
            && v.Contains("falling back to Bpftrace", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains("running the Bpftrace backend", StringComparison.Ordinal) && v.EndsWith("-- -1 0 14", StringComparison.Ordinal));

        var writes = DdEvents(result);
        Assert.NotEmpty(writes);
        Assert.All(writes, o =>
        {
            Assert.Equal("BpfTools.Records.DiskIoEvent", o.BaseObject.GetType().FullName);
            Assert.Equal("dd", Assert.IsType<string>(o.Properties["ProcessName"].Value));
            Assert.Contains(Assert.IsType<string>(o.Properties["Disk"].Value), BackingDisk.OfTemp.Disks);
            Assert.True(Assert.IsType<long>(o.Properties["Bytes"].Value) > 0);
            Assert.True(Assert.IsType<TimeSpan>(o.Properties["Latency"].Value) > TimeSpan.Zero);
            Assert.Equal(TimeSpan.Zero, Assert.IsType<TimeSpan>(o.Properties["QueueTime"].Value));
            Assert.IsType<long>(o.Properties["Sector"].Value);
            Assert.InRange(Assert.IsType<DateTime>(o.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
        });
        // O_DIRECT writes are synchronous ("WS"); truncating the file again may add a discard ("DS") from dd.
        var write = writes.First(o => o.Properties["Operation"].Value.ToString() == "Write");
        Assert.Equal("WS", write.Properties["Rwbs"].Value);
        Assert.Equal(4096L, write.Properties["Bytes"].Value);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
        Assert.Empty(ChildBiosnoops());
    }

    [BlockDeviceFact]
    public void IncludeQueueTime_and_Disk_go_to_the_bpftrace_program_and_measure_the_queue()
    {
        var disk = BackingDisk.OfTemp.Disks[0];
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke($"Get-BpfDiskIo -Disk {disk} -IncludeQueueTime -Backend Bpftrace -Duration 4 -Verbose");
        }
        result.AssertNoErrors();
        var devT = File.ReadAllText($"/sys/class/block/{disk}/dev").Trim().Split(':').Select(int.Parse).ToArray();
        Assert.Contains(result.Verbose, v => v.EndsWith($"-- {((long)devT[0] << 20) | (uint)devT[1]} 1 14", StringComparison.Ordinal));
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(disk, o.Properties["Disk"].Value));
        var writes = DdEvents(result);
        Assert.NotEmpty(writes);
        // A request goes through the scheduler's queue (block_rq_insert) unless the disk has none.
        if (!File.ReadAllText($"/sys/block/{disk}/queue/scheduler").Contains("[none]", StringComparison.Ordinal))
        {
            Assert.Contains(writes, o => (TimeSpan)o.Properties["QueueTime"].Value > TimeSpan.Zero);
        }
    }

    [BlockDeviceFact(NeedsAnotherDisk = true)]
    public void Another_disk_filters_the_writes_out()
    {
        var other = BackingDisk.OtherDisk!;
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke($"Get-BpfDiskIo -Disk {other} -Duration 3");
        }
        result.AssertNoErrors();
        Assert.Empty(DdEvents(result));
        Assert.All(result.Output, o => Assert.Equal(other, o.Properties["Disk"].Value));
    }

    [BlockDeviceFact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke("Get-BpfDiskIo -Duration 3 -IncludeQueueTime");
        }
        var original = DdEvents(result).First();
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is string or int or long or DateTime or TimeSpan or Enum, $"{property.Name} is {property.Value?.GetType()}");
            // An enum comes back as its name over a number (a deserialized object), as remoting gives it.
            Assert.Equal(property.Value!.ToString(), copy.Properties[property.Name].Value.ToString());
            if (property.Value is not Enum)
            {
                Assert.Equal(property.Value, copy.Properties[property.Name].Value);
            }
        }
    }

    [Fact]
    public void A_disk_that_does_not_exist_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Get-BpfDiskIo -Disk bpftools-no-such-disk -Duration 1").Failure;
        Assert.Equal("DiskNotFound,BpfTools.Commands.GetBpfDiskIoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("bpftools-no-such-disk", error.TargetObject);
        Assert.Contains("lsblk", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_libbpf_replaying_the_published_capture_gives_every_row()
    {
        using var standIn = StandIn.Replay("biosnoop", StandIn.Fixture("bcc-examples/biosnoop.txt"));
        var result = _session.Invoke("Get-BpfDiskIo -Duration 2 -Backend Libbpf");
        result.AssertNoErrors();
        Assert.Equal(15, result.Output.Count);
        var small = Assert.Single(result.Output, o => (long)o.Properties["Bytes"].Value == 512);
        Assert.Equal(("xfsaild/md0", 456, "xvdb", "W", 62901513L), ((string)small.Properties["ProcessName"].Value, (int)small.Properties["ProcessId"].Value,
            (string)small.Properties["Disk"].Value, (string)small.Properties["Rwbs"].Value, (long)small.Properties["Sector"].Value));
        Assert.Equal(TimeSpan.FromMilliseconds(0.25), small.Properties["Latency"].Value);
        Assert.Equal("Write", small.Properties["Operation"].Value.ToString());
        Assert.Empty(ChildBiosnoops());
    }

    [Fact]
    public void Standin_libbpf_replaying_the_published_queue_capture_fills_QueueTime()
    {
        using var standIn = StandIn.Replay("biosnoop", StandIn.Fixture("bcc-examples/biosnoop-Q.txt"));
        var result = _session.Invoke("Get-BpfDiskIo -Duration 2 -Backend Libbpf -IncludeQueueTime -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.EndsWith("/biosnoop -Q 12", StringComparison.Ordinal));
        Assert.Equal(6, result.Output.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(0.11), result.Output[1].Properties["QueueTime"].Value);
        Assert.Equal("xfsaild/nvme1n", result.Output[2].Properties["ProcessName"].Value);
    }

    [Fact]
    public void Standin_failing_like_the_real_libbpf_biosnoop_gives_AttachFailed_not_a_permission_error()
    {
        using var standIn = StandIn.FailToAttach("biosnoop", RealLoadFailure);
        var error = _session.Invoke("Get-BpfDiskIo -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal("AttachFailed,BpfTools.Commands.GetBpfDiskIoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        Assert.Contains("failed to load BPF object: -1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("biosnoop", error.TargetObject);
        Assert.Empty(ChildBiosnoops());
    }

    /// <summary>biosnoop processes (the real one once stdbuf has exec'd it, or a stand-in) still children of this process after a short wait.</summary>
    private static List<int> ChildBiosnoops()
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        var left = ChildrenNamed("biosnoop");
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
            left = ChildrenNamed("biosnoop");
        }
        return left;
    }

    private static List<int> ChildrenNamed(string name) => [.. ProcEntry.ChildrenOf(Environment.ProcessId, [name]).Select(p => p.Pid)];
}
