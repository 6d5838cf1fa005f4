namespace BpfTools.Records;

/// <summary>
/// One direct reclaim, as traced by drsnoop: a thread that had to free memory itself before its allocation could
/// go on (the free memory was below the zone's low watermark), how long that stalled it and how many pages it freed.
/// </summary>
public sealed class DirectReclaimEvent : ITimedEvent
{
    /// <summary>Wall-clock time the reclaim ended (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process name (comm); bcc's drsnoop cuts it to 14 characters.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process (bcc's PID column, bpftrace); null with libbpf-tools, which prints the thread only.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The thread that reclaimed (libbpf-tools' TID column, bcc's with -ThreadId, bpftrace); null otherwise.</summary>
    public int? ThreadId { get; init; }

    /// <summary>The thread's user id (bcc, bpftrace); null with libbpf-tools, which does not print it.</summary>
    public long? Uid { get; init; }

    /// <summary>How long the thread spent reclaiming: the stall its allocation suffered.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Pages the reclaim freed (the kernel's nr_reclaimed).</summary>
    public long Pages { get; init; }

    /// <summary>The allocation's order (2^order pages were asked for); bpftrace only, null otherwise.</summary>
    public int? Order { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ProcessName} {ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{ThreadId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {Latency.TotalMilliseconds:0.###}ms {Pages} pages");
}
