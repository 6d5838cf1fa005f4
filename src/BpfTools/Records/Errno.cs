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

    /// <summary>The number of an errno name (ENOENT), as <see cref="Name"/> gives it; false for a name it does not know.</summary>
    public static bool TryNumber(string name, out int errno)
    {
        errno = Array.FindIndex(BaseNames, n => n.Length > 0 && string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (errno > 0)
        {
            return true;
        }
        errno = OtherNames.FirstOrDefault(p => string.Equals(p.Value, name, StringComparison.OrdinalIgnoreCase)).Key;
        return errno > 0;
    }

    /// <summary>The names <see cref="TryNumber"/> knows, in errno order.</summary>
    public static IEnumerable<string> Names => BaseNames.Skip(1).Concat(OtherNames.OrderBy(p => p.Key).Select(p => p.Value));
}
