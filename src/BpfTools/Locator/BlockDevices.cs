using System.Globalization;

namespace BpfTools.Locator;

/// <summary>
/// This host's block devices by name and by number, from sysfs (/sys/dev/block/MAJ:MIN/uevent, /sys/class/block/NAME)
/// with /proc/partitions as a second source. The block tracepoints give a device as the kernel's dev_t,
/// major &lt;&lt; 20 | minor; biosnoop's -d takes a name.
/// </summary>
internal static class BlockDevices
{
    private const int MinorBits = 20;
    private const string SysDevBlock = "/sys/dev/block";
    private const string SysClassBlock = "/sys/class/block";

    private static readonly DeviceNameCache Names = new(majorMinor => FromUevent(majorMinor) ?? FromPartitions(majorMinor));

    /// <summary>The kernel's dev_t of a major and minor number.</summary>
    public static long DevT(int major, int minor) => ((long)major << MinorBits) | (uint)minor;

    /// <summary>The major:minor text of a kernel dev_t ("254:0").</summary>
    public static string MajorMinor(long devT) =>
        string.Create(CultureInfo.InvariantCulture, $"{devT >> MinorBits}:{devT & ((1 << MinorBits) - 1)}");

    /// <summary>
    /// The name of the device with this kernel dev_t (vda); its major:minor text when this host has no such device.
    /// Cached (<see cref="DeviceNameCache"/>): per event, a dictionary look-up, whether the device has a name or not.
    /// </summary>
    public static string NameOf(long devT) => Names.NameOf(devT);

    /// <summary>The kernel dev_t of a block device name (vda), or null when there is no such device.</summary>
    public static long? NumberOf(string name) => TryFind(name, out var devT, out _) ? devT : null;

    /// <summary>Finds a block device by name (vda, sda1, nvme0n1).</summary>
    /// <param name="name">The kernel name, as lsblk and /proc/partitions show it.</param>
    /// <param name="devT">Its kernel dev_t.</param>
    /// <param name="wholeDisk">For a partition, the disk it is on; otherwise null.</param>
    /// <returns>False when there is no such block device.</returns>
    public static bool TryFind(string name, out long devT, out string? wholeDisk)
    {
        devT = 0;
        wholeDisk = null;
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            return false;
        }
        var folder = Path.Combine(SysClassBlock, name);
        if (!TryReadMajorMinor(Path.Combine(folder, "dev"), out devT))
        {
            return false;
        }
        if (File.Exists(Path.Combine(folder, "partition")))
        {
            // /sys/class/block/vda1 links to .../block/vda/vda1: the parent folder is the disk.
            var target = new DirectoryInfo(folder).ResolveLinkTarget(true)?.FullName ?? folder;
            wholeDisk = Path.GetFileName(Path.GetDirectoryName(target));
        }
        return true;
    }

    private static string? FromUevent(string majorMinor)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(SysDevBlock, majorMinor, "uevent")))
            {
                if (line.StartsWith("DEVNAME=", StringComparison.Ordinal))
                {
                    return line["DEVNAME=".Length..];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No sysfs entry: try /proc/partitions.
        }
        return null;
    }

    // /proc/partitions: "major minor #blocks name" after a header line.
    private static string? FromPartitions(string majorMinor)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/partitions"))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 4 && $"{fields[0]}:{fields[1]}" == majorMinor)
                {
                    return fields[3];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc is not mounted.
        }
        return null;
    }

    private static bool TryReadMajorMinor(string devFile, out long devT)
    {
        devT = 0;
        try
        {
            var parts = File.ReadAllText(devFile).Trim().Split(':');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                devT = DevT(major, minor);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not a block device.
        }
        return false;
    }
}
