namespace BpfTools.Locator;

/// <summary>Reads the mount table (/proc/self/mounts) to tell which file system a folder is on.</summary>
internal static class MountTable
{
    /// <summary>The file system type mounted at <paramref name="mountPoint"/> (ext4, xfs, nfs4...), or null.</summary>
    public static string? TypeAt(string mountPoint)
    {
        try
        {
            return TypeAt(mountPoint, File.ReadLines("/proc/self/mounts"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The type in the last line of <paramref name="mounts"/> for <paramref name="mountPoint"/>: a later mount hides an earlier one.</summary>
    /// <param name="mountPoint">The mount point, as the table writes it ("/").</param>
    /// <param name="mounts">Lines of /proc/mounts: "device mountpoint type options dump pass".</param>
    public static string? TypeAt(string mountPoint, IEnumerable<string> mounts)
    {
        string? type = null;
        foreach (var line in mounts)
        {
            var fields = line.Split(' ');
            if (fields.Length > 2 && fields[1] == mountPoint)
            {
                type = fields[2];
            }
        }
        return type;
    }
}
