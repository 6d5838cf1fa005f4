namespace BpfTools.Records;

/// <summary>
/// One OOM kill, as traced by oomkill: the process killed, the one whose allocation ran the OOM killer, and what
/// each backend knows about the memory at the time. libbpf-tools and bcc (a kprobe on oom_kill_process) give the
/// pages the OOM killer shared out and the load averages; the bpftrace program (the oom:mark_victim tracepoint)
/// gives the victim's own memory instead. What a backend does not give is null.
/// </summary>
public sealed class OomKillEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the kill (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process killed (the id of its task the OOM killer chose).</summary>
    public int ProcessId { get; init; }

    /// <summary>Its process name (comm).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>
    /// The process running when the OOM killer ran, the one whose allocation failed ("Triggered by"): in a memory
    /// cgroup, the one that charged past the limit; the victim itself when it was the largest.
    /// </summary>
    public int TriggerProcessId { get; init; }

    /// <summary>The triggering process's name (comm).</summary>
    public string TriggerName { get; init; } = "";

    /// <summary>
    /// oomkill's "pages": the memory the OOM killer shared out, in pages (RAM and swap, or the memory cgroup's
    /// limit); null with the bpftrace backend, whose tracepoint does not carry it.
    /// </summary>
    public long? TotalPages { get; init; }

    /// <summary>The 1-minute load average when the kill was printed (/proc/loadavg); null with bpftrace.</summary>
    public double? LoadAverage1 { get; init; }

    /// <summary>The 5-minute load average; null with bpftrace.</summary>
    public double? LoadAverage5 { get; init; }

    /// <summary>The 15-minute load average; null with bpftrace.</summary>
    public double? LoadAverage15 { get; init; }

    /// <summary>The victim's virtual memory size in bytes (bpftrace backend only; null otherwise).</summary>
    public long? VirtualMemoryBytes { get; init; }

    /// <summary>The victim's resident anonymous memory in bytes (bpftrace backend only).</summary>
    public long? AnonymousRssBytes { get; init; }

    /// <summary>The victim's resident file-backed memory in bytes (bpftrace backend only).</summary>
    public long? FileRssBytes { get; init; }

    /// <summary>The victim's resident shared memory in bytes (bpftrace backend only).</summary>
    public long? SharedMemoryRssBytes { get; init; }

    /// <summary>The victim's resident memory in bytes: anonymous, file and shared together (bpftrace backend only).</summary>
    public long? RssBytes => AnonymousRssBytes + FileRssBytes + SharedMemoryRssBytes;

    /// <summary>The victim's page tables in bytes (bpftrace backend only).</summary>
    public long? PageTableBytes { get; init; }

    /// <summary>The victim's user id (bpftrace backend only).</summary>
    public long? Uid { get; init; }

    /// <summary>The victim's oom_score_adj, -1000 to 1000 (bpftrace backend only).</summary>
    public int? OomScoreAdjust { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TriggerName} {TriggerProcessId} killed {ProcessName} {ProcessId}";
}
