using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace BpfTools.Runner;

/// <summary>Makes the pipe a tool writes its output into hold more than the kernel's default 64 KiB.</summary>
/// <remarks>
/// The reading thread pauses after a short read so that lines travel in batches (<see cref="LineReader.PauseAfter"/>),
/// and the pipeline thread may be busy for a moment: a larger pipe lets the tool write on meanwhile instead of
/// blocking, when it could miss events of its own (its kernel buffer overflows). The kernel allocates a pipe's pages
/// as they fill, so an idle pipe costs nothing more. Any user may ask up to /proc/sys/fs/pipe-max-size (1 MiB by
/// default); a refusal leaves the pipe as it was.
/// </remarks>
internal static class PipeSize
{
    /// <summary>What is asked for: /proc/sys/fs/pipe-max-size's default.</summary>
    public const int Wanted = 1024 * 1024;

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
    private const int GetPipeSize = 1032; // F_GETPIPE_SZ

    /// <summary>Enlarges <paramref name="stream"/>'s pipe to <see cref="Wanted"/> if it is one; returns its size, or 0 if not a pipe.</summary>
    public static int Enlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream { SafePipeHandle: var handle })
        {
            return 0;
        }
        var enlarged = Fcntl(handle, SetPipeSize, Wanted);
        return enlarged > 0 ? enlarged : Fcntl(handle, GetPipeSize, 0);
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(SafeHandle fd, int command, int argument);
}
