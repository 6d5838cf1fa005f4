using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>ext4slower, xfsslower, btrfsslower, nfsslower.</summary>
/// <remarks>
/// These tools time each file system's own file operations (ext4_file_read_iter, xfs_file_fsync...) from entry
/// to return, through kprobes (bcc, and libbpf-tools' fallback) or fentry/fexit (libbpf-tools' first choice).
/// No tracepoint fires at the entry and return of those functions, so there is no bpftrace backend: a
/// tracepoint program could only time whole read()/write() system calls, which is another measurement (every
/// file system, and none of the reads and writes that do not go through a system call, such as page faults
/// on mapped files).
/// Both backends are marked Kprobe, so the capability check refuses them before starting on a kernel without
/// kprobes. libbpf-tools' fsslower tries fentry first and falls back to kprobes; whether fentry attaches can only
/// be told by trying, and on the kernels without kprobes seen so far it failed too.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>One entry per file system, wrapped by Get-BpfSlowFileOperation (ext4, xfs, btrfs, nfs).</summary>
    /// <remarks>One tool each because bcc ships one executable each (ext4slower-bpfcc...); libbpf-tools' fsslower takes -t.</remarks>
    public static readonly IReadOnlyList<ToolSpec<SlowFileOperationOptions, SlowFileOperationEvent>> SlowFileOperation =
        [.. SlowFileOperationOptions.FileSystems.Select(SlowerFor)];

    /// <summary>The entry for one file system (ext4, xfs, btrfs or nfs).</summary>
    public static ToolSpec<SlowFileOperationOptions, SlowFileOperationEvent> SlowFileOperationOn(string fileSystem) =>
        SlowFileOperation.Single(t => t.Name == fileSystem + "slower");

    private static ToolSpec<SlowFileOperationOptions, SlowFileOperationEvent> SlowerFor(string fs) => new(
        fs + "slower",
        "Get-BpfSlowFileOperation",
        $"{fs} reads, writes, opens and syncs slower than a threshold",
        [
            // fsslower picks the file system from its name (ext4slower is a link to it) or from -t, which wins;
            // -d is its own duration in seconds.
            new(BackendKind.Libbpf, ["fsslower", "bpf-fsslower", fs + "slower"], ProbeKind.Kprobe,
                (o, limit) => ["-t", fs, "-m", Milliseconds(o), .. Flag("-p", o.ProcessId), .. limit.Flag("-d")],
                clock => new SlowFileOperationTextParser(fs, clock)),
            // bcc's tools take the threshold as their one positional argument, and no duration.
            new(BackendKind.Bcc, [fs + "slower-bpfcc", "/usr/share/bcc/tools/" + fs + "slower"], ProbeKind.Kprobe,
                o => [.. Flag("-p", o.ProcessId), Milliseconds(o)],
                clock => new SlowFileOperationTextParser(fs, clock)),
        ]);

    private static string Milliseconds(SlowFileOperationOptions o) => o.MinLatencyMilliseconds.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What Get-BpfSlowFileOperation asks of fsslower (or ext4slower, xfsslower...).</summary>
/// <param name="FileSystem">ext4, xfs, btrfs or nfs: fsslower's -t, or which bcc tool runs.</param>
/// <param name="MinLatency">Only operations slower than this; zero shows them all.</param>
/// <param name="ProcessId">Only this process (-p), or null.</param>
internal sealed record SlowFileOperationOptions(string FileSystem, TimeSpan MinLatency, int? ProcessId)
{
    /// <summary>The file systems the tools know, in the order Get-BpfTool lists them.</summary>
    public static readonly IReadOnlyList<string> FileSystems = ["ext4", "xfs", "btrfs", "nfs"];

    /// <summary>
    /// The threshold as the tools take it: whole milliseconds, rounded down so that no operation the cmdlet keeps
    /// is dropped in the kernel (the cmdlet applies the exact threshold to what comes back).
    /// </summary>
    public long MinLatencyMilliseconds => (long)Math.Floor(MinLatency.TotalMilliseconds);
}
