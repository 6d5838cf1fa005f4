using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfDiskPattern on this kernel, for real, through libbpf-tools' biopattern and biopattern.bt: the test writes a
/// file of its own sequentially with dd and direct I/O (64 KiB requests, each starting where the last ended) during
/// the run. biopattern counts per disk, not per process, so other people's I/O on the same disk is in the counts too:
/// the test expects a sequential share and at least its own requests, not exact numbers.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfDiskPatternTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpftools-pattern-{Guid.NewGuid():N}.dat");

    public void Dispose()
    {
        File.Delete(_file);
        _session.Dispose();
    }

    /// <summary>dd writing 32 blocks of 64 KiB with O_DIRECT, again and again until disposed.</summary>
    private IDisposable SequentialWrites() => Kernel.Repeat(() =>
    {
        using var dd = Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", $"of={_file}", "bs=64k", "count=32", "oflag=direct", "conv=notrunc"])
        {
            RedirectStandardError = true,
        })!;
        dd.StandardError.ReadToEnd();
        dd.WaitForExit();
    }, everyMs: 100);

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Sequential_direct_writes_show_as_a_sequential_share_of_their_disk(string backend)
    {
        Assert.True(BackingDisk.OfTemp.Disks.Count > 0, BackingDisk.OfTemp.NoDiskReason);
        var disk = BackingDisk.OfTemp.Disks[0];
        PsResult result;
        using (SequentialWrites())
        {
            result = _session.Invoke($"Get-BpfDiskPattern -Disk {disk} -Duration 3 -Backend {backend}");
        }
        result.AssertNoErrors();
        var sample = Assert.Single(result.Output);
        Assert.Equal("BpfTools.Records.DiskPatternSample", sample.BaseObject.GetType().FullName);
        Assert.Equal(disk, sample.Properties["Disk"].Value);
        var sequential = Assert.IsType<int>(sample.Properties["SequentialPercent"].Value);
        var random = Assert.IsType<int>(sample.Properties["RandomPercent"].Value);
        Assert.InRange(sequential + random, 98, 100);
        Assert.True(sequential >= 20, $"only {sequential}% sequential");
        // Three seconds of 32-request runs: far more than 32 requests, of 64 KiB at most each.
        var count = Assert.IsType<long>(sample.Properties["Count"].Value);
        Assert.True(count >= 32, $"{count} requests");
        Assert.True(Assert.IsType<long>(sample.Properties["Bytes"].Value) >= 32 * 65536);
        Assert.True((DateTime)sample.Properties["End"].Value - (DateTime)sample.Properties["Start"].Value >= TimeSpan.FromSeconds(2.5));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void With_an_interval_each_window_gives_a_sample_of_the_disk()
    {
        var disk = BackingDisk.OfTemp.Disks[0];
        PsResult result;
        using (SequentialWrites())
        {
            result = _session.Invoke($"Get-BpfDiskPattern -Disk {disk} -Interval 1 -Duration 3");
        }
        result.AssertNoErrors();
        Assert.InRange(result.Output.Count, 2, 4);
        Assert.All(result.Output, o => Assert.Equal(disk, o.Properties["Disk"].Value));
        var ends = result.Output.Select(o => (DateTime)o.Properties["End"].Value).ToList();
        Assert.Equal(ends.Order(), ends);
        Assert.Equal(ends.SkipLast(1), result.Output.Skip(1).Select(o => (DateTime)o.Properties["Start"].Value));
    }

    [Fact]
    public void An_unknown_disk_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Get-BpfDiskPattern -Disk nosuchdisk0 -Duration 2").Failure;
        Assert.Equal("DiskNotFound,BpfTools.Commands.GetBpfDiskPatternCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Empty(Kernel.ChildTools());
    }
}
