using System.Diagnostics;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfMount on this kernel, for real: a tmpfs mounted and unmounted at a directory of the test's own, and a
/// mount onto a missing directory under the same marker that fails with ENOENT.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfMountTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _marker = "bx" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _dir;
    private readonly string _missing;

    public GetBpfMountTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), _marker + " mnt");
        _missing = Path.Combine(Path.GetTempPath(), _marker + "-missing");
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        Run("/bin/umount", "-q", _dir);
        Directory.Delete(_dir);
        _session.Dispose();
    }

    private static int Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode;
    }

    /// <summary>Until disposed: mount a tmpfs (source: the marker) at the directory, unmount it, fail a mount.</summary>
    private IDisposable RepeatMounts() => Kernel.Repeat(() =>
    {
        Run("/bin/mount", "-t", "tmpfs", "-o", "size=1m", _marker, _dir);
        Run("/bin/umount", _dir);
        Run("/bin/mount", "-t", "tmpfs", _marker, _missing);
    });

    [Fact]
    public void Mount_umount_and_a_failed_mount_come_typed()
    {
        PsResult result;
        using (RepeatMounts())
        {
            result = _session.Invoke("Get-BpfMount -Duration 3 -Backend Libbpf");
        }
        result.AssertNoErrors();
        var mine = result.Output.Where(o => ((string)o.Properties["Target"].Value).Contains(_marker, StringComparison.Ordinal)).ToList();
        Assert.Equal("BpfTools.Records.MountEvent", mine[0].BaseObject.GetType().FullName);
        var mount = mine.First(o => o.Properties["Call"].Value.ToString() == "Mount" && (string)o.Properties["Target"].Value == _dir);
        Assert.Equal((_marker, "tmpfs", "size=1m", 0), ((string)mount.Properties["Source"].Value, (string)mount.Properties["FileSystemType"].Value,
            (string)mount.Properties["Data"].Value, (int)mount.Properties["Result"].Value));
        Assert.True((long)mount.Properties["MountNamespace"].Value > 0);
        Assert.Contains(mine, o => o.Properties["Call"].Value.ToString() == "Umount" && (string)o.Properties["Target"].Value == _dir
            && (int)o.Properties["Result"].Value == 0);
        var failed = mine.First(o => (string)o.Properties["Target"].Value == _missing);
        Assert.Equal((-2, "ENOENT"), ((int)failed.Properties["Result"].Value, (string)failed.Properties["Error"].Value));
    }

    [Fact]
    public void FailedOnly_keeps_the_failed_mount_and_drops_the_good_ones()
    {
        PsResult result;
        using (RepeatMounts())
        {
            result = _session.Invoke("Get-BpfMount -Duration 2 -FailedOnly");
        }
        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.NotNull(o.Properties["Error"].Value));
        Assert.Contains(result.Output, o => (string)o.Properties["Target"].Value == _missing);
    }

    [Fact]
    public void ProcessId_of_this_process_sees_none_of_the_mount_commands()
    {
        PsResult result;
        using (RepeatMounts())
        {
            result = _session.Invoke($"Get-BpfMount -Duration 2 -ProcessId {Environment.ProcessId} -MaxEvents 5");
        }
        result.AssertNoErrors();
        Assert.Empty(result.Output);
    }
}
