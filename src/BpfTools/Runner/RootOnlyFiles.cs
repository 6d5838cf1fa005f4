using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace BpfTools.Runner;

/// <summary>
/// Checks that files a sudoers rule names are root's alone: the file and every folder above it owned by root and
/// not writable by group or others. Whoever could replace the guard, a program or a tool, or rename a folder
/// above one, could run anything as root through the rule.
/// </summary>
/// <remarks>
/// A world-writable folder with the sticky bit (/tmp) is accepted: there only an entry's owner may rename or remove
/// it, and the entry below it must itself be root's. The real path is checked (symlinks resolved) as well as the
/// path the rule names, whose folders could otherwise point elsewhere later.
/// </remarks>
internal static class RootOnlyFiles
{
    /// <summary>A file's owner and permission bits (the low 12 bits of st_mode).</summary>
    internal readonly record struct Ownership(long Uid, int Mode, bool IsDirectory, bool IsSymlink = false);

    /// <summary>
    /// The first path (of <paramref name="paths"/>, their real paths and every folder above them) that is not root's
    /// alone, with why; null when all are.
    /// </summary>
    /// <param name="paths">Absolute paths.</param>
    /// <param name="stat">Reads a path's ownership (without following a last symlink); null when it does not exist.</param>
    /// <param name="realPath">Resolves symlinks; null when it cannot.</param>
    public static (string Path, string Why)? FirstUnsafe(IEnumerable<string> paths, Func<string, Ownership?> stat, Func<string, string?> realPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var candidate in new[] { path, realPath(path) ?? path }.Distinct())
            {
                for (var p = candidate; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
                {
                    if (seen.Add(p) && Check(p, stat(p)) is { } why)
                    {
                        return (p, why);
                    }
                }
            }
        }
        return null;
    }

    private static string? Check(string path, Ownership? ownership) => ownership switch
    {
        null => "it does not exist",
        // A symlink's own owner and mode change nothing (replacing it takes its folder, checked too); its target is
        // checked through the real path.
        { IsSymlink: true } => null,
        { Uid: not 0 } o => $"it is owned by uid {o.Uid.ToString(CultureInfo.InvariantCulture)}, not root",
        // Sticky (01000) and world-writable (0002): /tmp.
    { IsDirectory: true, Mode: var m } when (m & 0x200) != 0 && (m & 0x2) != 0 => null,
        // Group- or world-writable (0022).
    { Mode: var m } when (m & 0x12) != 0 => $"it is writable by group or others (mode {Convert.ToString(m, 8)})",
        _ => null,
    };

    /// <summary>The real file system: owners and modes as coreutils' stat reports them (.NET has no owner API).</summary>
    public static Ownership? Stat(string path)
    {
        try
        {
            var info = new ProcessStartInfo("stat", ["-c", "%u %a %F", "--", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var stat = Process.Start(info);
            if (stat is null)
            {
                return null;
            }
            var line = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            var fields = line.Split(' ', 3);
            return stat.ExitCode == 0 && fields.Length == 3
                && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var uid)
                ? new Ownership(uid, Convert.ToInt32(fields[1], 8), fields[2] == "directory", fields[2] == "symbolic link")
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The path with every symlink resolved (realpath(3)), or null.</summary>
    public static string? RealPath(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable CA2101, SYSLIB1054 // realpath takes UTF-8 bytes; a plain import keeps it short.
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);
#pragma warning restore CA2101, SYSLIB1054

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
