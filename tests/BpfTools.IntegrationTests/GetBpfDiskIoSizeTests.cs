using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfDiskIoSize on this kernel, for real: a copy of dd with a unique name (the marker, as comm: bitesize keys by
/// it) writes 4 KiB blocks with O_DIRECT to this test's own file, so each write is one 4 KiB request issued by it.
/// bcc is not installed here; its text is libbpf-tools' (the parser tests cover it).
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfDiskIoSizeTests : IDisposable
{
    private const int BlocksPerRun = 64;

    private readonly ModuleSession _session = new();
    private readonly string _name = "ddsz" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _dd;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpftools-iosize-{Guid.NewGuid():N}");

    public GetBpfDiskIoSizeTests()
    {
        _dd = Path.Combine(Path.GetTempPath(), _name);
        File.Copy("/bin/dd", _dd, overwrite: true);
        File.SetUnixFileMode(_dd, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        File.Delete(_file);
        File.Delete(_dd);
        _session.Dispose();
    }

    private IDisposable RepeatDirectWrites() => Kernel.Repeat(() =>
    {
        using var dd = Process.Start(new ProcessStartInfo(_dd, ["if=/dev/zero", $"of={_file}", "bs=4k", $"count={BlocksPerRun}", "oflag=direct"])
        {
            RedirectStandardError = true,
        })!;
        dd.StandardError.ReadToEnd();
        dd.WaitForExit();
    }, 300);

    private PSObject HistogramOfDd(string arguments)
    {
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke($"Get-BpfDiskIoSize -Duration 3 -ProcessName {_name} {arguments}");
        }
        result.AssertNoErrors();
        // The name filter leaves the marker's histogram alone.
        var histogram = Assert.Single(result.Output);
        Assert.Equal(("bitesize", "comm", _name, "kbytes"),
            ((string)histogram.Properties["Tool"].Value, (string)histogram.Properties["KeyKind"].Value,
             (string)histogram.Properties["Key"].Value, (string)histogram.Properties["Unit"].Value));
        var buckets = ((System.Collections.IList)histogram.Properties["Buckets"].Value).Cast<object>().Select(PSObject.AsPSObject);
        var fourKiB = buckets.Single(b => (long)b.Properties["Low"].Value == 4);
        Assert.Equal(7L, fourKiB.Properties["High"].Value);
        Assert.True((long)fourKiB.Properties["Count"].Value >= BlocksPerRun, $"4 -> 7 KiB: {fourKiB.Properties["Count"].Value}");
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
        return histogram;
    }

    [BlockDeviceFact]
    public void Libbpf_counts_the_direct_4_KiB_writes_of_the_named_dd_on_its_disk() =>
        HistogramOfDd($"-Disk {BackingDisk.OfTemp.Disks[0]} -Backend Libbpf");

    [BlockDeviceFact]
    public void Bpftrace_counts_the_direct_4_KiB_writes_of_the_named_dd_on_its_disk() =>
        HistogramOfDd($"-Disk {BackingDisk.OfTemp.Disks[0]} -Backend Bpftrace");

    [BlockDeviceFact]
    public void Bcc_which_takes_no_options_is_refused_a_disk_before_anything_runs()
    {
        var error = _session.Invoke($"Get-BpfDiskIoSize -Backend Bcc -Disk {BackingDisk.OfTemp.Disks[0]}").Failure;
        Assert.Equal("BackendNotAvailable,BpfTools.Commands.GetBpfDiskIoSizeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Disk", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_disk_is_refused_with_the_disks_there_are()
    {
        var error = _session.Invoke("Get-BpfDiskIoSize -Duration 1 -Disk bpftools-no-such-disk").Failure;
        Assert.Equal("DiskNotFound,BpfTools.Commands.GetBpfDiskIoSizeCommand", error.FullyQualifiedErrorId);
    }
}
