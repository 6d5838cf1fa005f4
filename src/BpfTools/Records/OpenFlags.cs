namespace BpfTools.Records;

/// <summary>Linux open(2) flags (asm-generic/fcntl.h, as on x86_64 and arm64) to names.</summary>
internal static class OpenFlags
{
    private static readonly (int Bit, string Name)[] Names =
    [
        (0x40, "O_CREAT"), (0x80, "O_EXCL"), (0x100, "O_NOCTTY"), (0x200, "O_TRUNC"), (0x400, "O_APPEND"),
        (0x800, "O_NONBLOCK"), (0x1000, "O_DSYNC"), (0x2000, "O_ASYNC"), (0x4000, "O_DIRECT"),
        (0x8000, "O_LARGEFILE"), (0x10000, "O_DIRECTORY"), (0x20000, "O_NOFOLLOW"), (0x40000, "O_NOATIME"),
        (0x80000, "O_CLOEXEC"), (0x100000, "__O_SYNC"), (0x200000, "O_PATH"), (0x400000, "__O_TMPFILE"),
    ];

    /// <summary>"O_RDONLY", "O_WRONLY|O_CREAT|O_TRUNC"...: the access mode, then each flag set.</summary>
    public static string Describe(int flags)
    {
        var parts = new List<string>
        {
            (flags & 3) switch { 0 => "O_RDONLY", 1 => "O_WRONLY", 2 => "O_RDWR", _ => "O_ACCMODE" },
        };
        parts.AddRange(Names.Where(n => (flags & n.Bit) != 0).Select(n => n.Name));
        var known = Names.Aggregate(3, (mask, n) => mask | n.Bit);
        if ((flags & ~known) != 0)
        {
            parts.Add("0x" + (flags & ~known).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }
        return string.Join('|', parts);
    }
}
