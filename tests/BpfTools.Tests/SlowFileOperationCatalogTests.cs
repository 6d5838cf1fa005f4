using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SlowFileOperationCatalogTests
{
    private static BackendSpec<SlowFileOperationOptions, SlowFileOperationEvent> Backend(string fs, BackendKind kind) =>
        ToolCatalog.SlowFileOperationOn(fs).Backends.Single(b => b.Kind == kind);

    private static readonly TimeSpan TenMs = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void One_tool_per_file_system_libbpf_then_bcc_and_no_bpftrace()
    {
        Assert.Equal(["ext4slower", "xfsslower", "btrfsslower", "nfsslower"], ToolCatalog.SlowFileOperation.Select(t => t.Name));
        Assert.All(ToolCatalog.SlowFileOperation, t =>
        {
            Assert.Equal("Get-BpfSlowFileOperation", t.Cmdlet);
            Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc], t.Backends.Select(b => b.Kind));
            Assert.All(t.Backends, b => Assert.Equal(ProbeKind.Kprobe, b.Probes));
            Assert.Contains(t, ToolCatalog.All);
        });
    }

    [Fact]
    public void Libbpf_runs_fsslower_with_the_file_system_threshold_and_pid()
    {
        Assert.Equal("fsslower", Backend("xfs", BackendKind.Libbpf).Executables[0]);
        Assert.Equal(["-t", "xfs", "-m", "10"], Backend("xfs", BackendKind.Libbpf).Arguments(new("xfs", TenMs, null)));
        Assert.Equal(["-t", "nfs", "-m", "0", "-p", "42"], Backend("nfs", BackendKind.Libbpf).Arguments(new("nfs", TimeSpan.Zero, 42)));
    }

    [Fact]
    public void Bcc_runs_the_file_systems_own_tool_with_the_threshold_as_its_positional_argument()
    {
        Assert.Equal(["ext4slower-bpfcc", "/usr/share/bcc/tools/ext4slower"], Backend("ext4", BackendKind.Bcc).Executables);
        Assert.Equal(["btrfsslower-bpfcc", "/usr/share/bcc/tools/btrfsslower"], Backend("btrfs", BackendKind.Bcc).Executables);
        Assert.Equal(["10"], Backend("ext4", BackendKind.Bcc).Arguments(new("ext4", TenMs, null)));
        Assert.Equal(["-p", "42", "1"], Backend("ext4", BackendKind.Bcc).Arguments(new("ext4", TimeSpan.FromMilliseconds(1), 42)));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 1)]
    [InlineData(10.0, 10)]
    [InlineData(2500.999, 2500)]
    public void Threshold_goes_to_the_tools_in_whole_milliseconds_rounded_down(double ms, long expected) =>
        Assert.Equal(expected, new SlowFileOperationOptions("ext4", TimeSpan.FromMilliseconds(ms), null).MinLatencyMilliseconds);

    [Fact]
    public void Parsers_stamp_the_file_system()
    {
        var parser = Backend("btrfs", BackendKind.Libbpf).CreateParser(Parsers.TraceClock.System);
        var output = new List<SlowFileOperationEvent>();
        parser.Parse("22:35:09 dd               311     R 4096    0           10.01 f", output);
        Assert.Equal("btrfs", Assert.Single(output).FileSystem);
    }

    [Fact]
    public void On_a_kernel_without_kprobes_both_backends_are_refused_with_the_reason()
    {
        var host = new HostCapabilities(true, true, true, true, false, true, "6.18.0");
        foreach (var backend in ToolCatalog.SlowFileOperationOn("ext4").Backends)
        {
            var spec = backend with { Executables = ["/bin/true"] };
            Assert.Equal("KprobesUnavailable", LocatedBackend.Locate(spec, host, "/nowhere").Problem?.ErrorId);
        }
    }
}

public class MountTableTests
{
    [Fact]
    public void Last_mount_on_a_point_wins()
    {
        string[] mounts =
        [
            "proc /proc proc rw,relatime 0 0",
            "/dev/vda / ext4 rw,relatime,discard 0 0",
            "/dev/vdb /data xfs rw 0 0",
            "overlay / overlay rw,lowerdir=/a,upperdir=/b 0 0",
        ];
        Assert.Equal("overlay", MountTable.TypeAt("/", mounts));
        Assert.Equal("xfs", MountTable.TypeAt("/data", mounts));
        Assert.Equal("ext4", MountTable.TypeAt("/", mounts.Take(3)));
        Assert.Null(MountTable.TypeAt("/nowhere", mounts));
    }
}
