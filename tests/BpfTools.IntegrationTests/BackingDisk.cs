using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// The disk under a folder, found the way findmnt and lsblk do: its mount in /proc/self/mountinfo, then sysfs up to
/// the whole disk (a partition's parent; a device-mapper or md device's member disks, where requests really go).
/// </summary>
internal sealed record BackingDisk(string Folder, IReadOnlyList<string> Disks, string? NoDiskReason)
{
    /// <summary>The disk under the temporary folder, where the tests write their files.</summary>
    public static BackingDisk OfTemp { get; } = Of(Path.GetTempPath());

    /// <summary>A whole disk of this host that is not under the temporary folder, or null.</summary>
    public static string? OtherDisk { get; } = Directory.Exists("/sys/block")
        ? Directory.GetFileSystemEntries("/sys/block").Select(Path.GetFileName).FirstOrDefault(d => !OfTemp.Disks.Contains(d!))
        : null;

    public static BackingDisk Of(string folder)
    {
        var mount = File.ReadLines("/proc/self/mountinfo").Select(MountLine.Parse)
            .Where(m => Under(folder, m.MountPoint))
            .OrderByDescending(m => m.MountPoint.Length)
            .FirstOrDefault();
        if (mount is null)
        {
            return new BackingDisk(folder, [], $"{folder} is on no mount listed in /proc/self/mountinfo");
        }
        var device = mount.MajorMinor;
        // btrfs and others give an anonymous device number: the mount source names the real one.
        if (device.StartsWith("0:", StringComparison.Ordinal) && mount.Source.StartsWith("/dev/", StringComparison.Ordinal))
        {
            device = ReadOrNull($"/sys/class/block/{Path.GetFileName(mount.Source)}/dev")?.Trim() ?? device;
        }
        var disks = WholeDisks(device).Distinct().ToList();
        return disks.Count > 0
            ? new BackingDisk(folder, disks, null)
            : new BackingDisk(folder, [], $"{folder} is on {mount.FsType} ({mount.Source}, device {device}), which has no block device: there is no block I/O to trace");
    }

    private static IEnumerable<string> WholeDisks(string majorMinor)
    {
        var sys = $"/sys/dev/block/{majorMinor}";
        if (!Directory.Exists(sys))
        {
            yield break;
        }
        var real = new DirectoryInfo(sys).ResolveLinkTarget(true)?.FullName ?? sys;
        var slaves = Path.Combine(real, "slaves");
        var members = Directory.Exists(slaves) ? Directory.GetFileSystemEntries(slaves) : [];
        if (members.Length > 0)
        {
            foreach (var member in members)
            {
                var dev = ReadOrNull(Path.Combine(member, "dev"))?.Trim();
                foreach (var disk in dev is null ? [] : WholeDisks(dev))
                {
                    yield return disk;
                }
            }
            yield break;
        }
        yield return File.Exists(Path.Combine(real, "partition")) ? Path.GetFileName(Path.GetDirectoryName(real)!) : Path.GetFileName(real);
    }

    private static bool Under(string folder, string mountPoint) =>
        mountPoint == "/" || folder == mountPoint || folder.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"36 35 98:0 /root /mnt rw,noatime shared:1 - ext4 /dev/vda rw": fields before and after " - ".</summary>
    private sealed record MountLine(string MajorMinor, string MountPoint, string FsType, string Source)
    {
        public static MountLine Parse(string line)
        {
            var halves = line.Split(" - ", 2);
            var before = halves[0].Split(' ');
            var after = halves.Length > 1 ? halves[1].Split(' ') : [];
            return new MountLine(before[2], Unescape(before[4]), after.ElementAtOrDefault(0) ?? "", Unescape(after.ElementAtOrDefault(1) ?? ""));
        }

        // mountinfo writes a space as \040, a tab as \011...
        private static string Unescape(string field) =>
            Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A test that needs the temporary folder on a block device (and maybe another disk): skipped, saying why, when not.</summary>
internal sealed class BlockDeviceFactAttribute : FactAttribute
{
    private bool _needsAnotherDisk;

    public BlockDeviceFactAttribute()
    {
        if (BackingDisk.OfTemp.NoDiskReason is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Also needs a second disk, to filter on.</summary>
    public bool NeedsAnotherDisk
    {
        get => _needsAnotherDisk;
        set
        {
            _needsAnotherDisk = value;
            if (value && Skip is null && BackingDisk.OtherDisk is null)
            {
                Skip = $"This host has no disk besides {string.Join(", ", BackingDisk.OfTemp.Disks)}: none to filter on";
            }
        }
    }
}
