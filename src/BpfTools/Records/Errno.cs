namespace BpfTools.Records;

/// <summary>Linux errno numbers to their symbolic names (asm-generic/errno-base.h and errno.h).</summary>
internal static class Errno
{
    private static readonly string[] BaseNames =
    [
        "", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
        "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
        "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
        "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP",
    ];

    private static readonly Dictionary<int, string> OtherNames = new()
    {
        [61] = "ENODATA", [75] = "EOVERFLOW", [80] = "ELIBBAD", [84] = "EILSEQ", [95] = "EOPNOTSUPP",
        [97] = "EAFNOSUPPORT", [98] = "EADDRINUSE", [99] = "EADDRNOTAVAIL", [100] = "ENETDOWN",
        [101] = "ENETUNREACH", [103] = "ECONNABORTED", [104] = "ECONNRESET", [110] = "ETIMEDOUT",
        [111] = "ECONNREFUSED", [113] = "EHOSTUNREACH", [122] = "EDQUOT", [125] = "ECANCELED",
    };

    /// <summary>The name of a positive errno, or "E" and the number when it is not a common one.</summary>
    public static string Name(int errno)
    {
        if (errno > 0 && errno < BaseNames.Length)
        {
            return BaseNames[errno];
        }
        return OtherNames.TryGetValue(errno, out var name) ? name : "E" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
