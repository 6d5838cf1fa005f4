using BpfTools.Runner;
using Xunit;
using Ownership = BpfTools.Runner.RootOnlyFiles.Ownership;

namespace BpfTools.Tests;

public class RootOnlyFilesTests
{
    private static readonly Dictionary<string, Ownership> Root = new()
    {
        ["/"] = new(0, 0x1ED, true), // 755
        ["/opt"] = new(0, 0x1ED, true),
        ["/opt/m"] = new(0, 0x1ED, true),
        ["/opt/m/guard"] = new(0, 0x1ED, false),
        ["/tmp"] = new(0, 0x3FF, true), // 1777
        ["/tmp/m"] = new(0, 0x1ED, true),
        ["/tmp/m/guard"] = new(0, 0x1ED, false),
    };

    private static (string, string)? Check(Dictionary<string, Ownership> files, params string[] paths) =>
        RootOnlyFiles.FirstUnsafe(paths, p => files.TryGetValue(p, out var o) ? o : null, _ => null);

    [Fact]
    public void Root_owned_files_in_root_owned_folders_are_safe() => Assert.Null(Check(Root, "/opt/m/guard", "/opt/m"));

    [Fact]
    public void A_sticky_world_writable_folder_above_is_accepted_when_what_is_below_is_roots()
    {
        Assert.Null(Check(Root, "/tmp/m/guard"));
    }

    [Fact]
    public void A_folder_above_owned_by_a_user_is_refused()
    {
        var files = new Dictionary<string, Ownership>(Root) { ["/opt"] = new(1000, 0x1ED, true) };
        Assert.Equal("/opt", Check(files, "/opt/m/guard")?.Item1);
        Assert.Contains("uid 1000", Check(files, "/opt/m/guard")?.Item2, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/opt/m", 0x1FD, true)] // 775: group-writable
    [InlineData("/opt/m/guard", 0x1EF, false)] // 757: world-writable file
    public void Writable_by_group_or_others_is_refused(string path, int mode, bool directory)
    {
        var files = new Dictionary<string, Ownership>(Root) { [path] = new(0, mode, directory) };
        var refused = Check(files, "/opt/m/guard");
        Assert.Equal(path, refused?.Item1);
        Assert.Contains("writable by group or others", refused?.Item2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused() => Assert.Contains("does not exist", Check(Root, "/opt/m/missing")?.Item2, StringComparison.Ordinal);

    [Fact]
    public void A_symlink_is_judged_by_its_folder_and_its_real_path()
    {
        var files = new Dictionary<string, Ownership>(Root)
        {
            ["/opt/m/link"] = new(1000, 0x1FF, false, IsSymlink: true),
            ["/home"] = new(0, 0x1ED, true),
            ["/home/u"] = new(1000, 0x1ED, true),
            ["/home/u/tool"] = new(1000, 0x1ED, false),
        };
        var refused = RootOnlyFiles.FirstUnsafe(["/opt/m/link"], p => files.TryGetValue(p, out var o) ? o : null, _ => "/home/u/tool");
        Assert.Equal("/home/u/tool", refused?.Item1);
    }

    [Fact]
    public void The_real_stat_sees_root_owned_system_folders()
    {
        Assert.Equal(0, RootOnlyFiles.Stat("/usr")?.Uid);
        Assert.Null(RootOnlyFiles.Stat("/nonexistent-bpftools"));
        Assert.Equal("/usr/bin", RootOnlyFiles.RealPath("/usr/bin/../bin"));
    }
}
