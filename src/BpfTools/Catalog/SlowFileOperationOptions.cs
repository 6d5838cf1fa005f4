namespace BpfTools.Catalog;

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
