namespace BpfTools.Records;

/// <summary>
/// One file system operation (read, write, open, sync) that took longer than the threshold, as traced by
/// ext4slower, xfsslower, btrfsslower or nfsslower (libbpf-tools' fsslower).
/// </summary>
public sealed class SlowFileOperationEvent : ITimedEvent
{
    /// <summary>Wall-clock time the tool printed the operation, to the second, shortly after it completed (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process name (comm); bcc's tools cut it to 14 characters, libbpf-tools keep all 15.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process that made the call.</summary>
    public int ProcessId { get; init; }

    /// <summary>The file system traced: ext4, xfs, btrfs or nfs.</summary>
    public string FileSystem { get; init; } = "";

    /// <summary>What the operation was.</summary>
    public FileOperation Operation { get; init; }

    /// <summary>
    /// Bytes read or written (the call's return value: negative for an error in libbpf-tools); 0 for an open;
    /// for a sync, the length of the range synced, <see cref="long.MaxValue"/> for the whole file (LL_MAX).
    /// </summary>
    public long Bytes { get; init; }

    /// <summary>The file offset the operation started at, in bytes. The tools print it in whole KiB, so it is a multiple of 1024.</summary>
    public long Offset { get; init; }

    /// <summary>How long the file system took, from the VFS call to its return (to 10 microseconds, as the tools print it).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The file's name (its directory entry, without the directory).</summary>
    public string FileName { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {ProcessId} {Operation} {Bytes} {Offset} {Latency.TotalMilliseconds:0.00}ms {FileName}";
}
