namespace BpfTools.Records;

/// <summary>One completed block device I/O request, as traced by biosnoop.</summary>
public sealed class DiskIoEvent : ITimedEvent
{
    /// <summary>Wall-clock time the request completed (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process that was running when the request was queued (usually the one that asked for the I/O).</summary>
    public int ProcessId { get; init; }

    /// <summary>Its name (comm); "?" when the tool did not see the request start.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The disk's kernel name (vda, sda, nvme0n1); its major:minor number when it has no name.</summary>
    public string Disk { get; init; } = "";

    /// <summary>The operation (Read, Write, Flush, Discard...), from <see cref="Rwbs"/>.</summary>
    public DiskOperation Operation { get; init; }

    /// <summary>The kernel's RWBS text as the tool printed it: operation and flags ("WS" a synchronous write, "RA" readahead).</summary>
    public string Rwbs { get; init; } = "";

    /// <summary>The first sector (512 bytes each) on the disk.</summary>
    public long Sector { get; init; }

    /// <summary>The size of the request in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>From the issue of the request to the device until its completion: the device's time.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// From the insertion of the request into the I/O scheduler until its issue: the time queued in the OS. Only measured
    /// with -IncludeQueueTime; zero without it, and when the request bypassed the scheduler or its insertion was missed.
    /// </summary>
    public TimeSpan QueueTime { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ProcessName} {ProcessId} {Disk} {Rwbs} {Sector} {Bytes} {Latency.TotalMilliseconds:0.###}ms");
}
