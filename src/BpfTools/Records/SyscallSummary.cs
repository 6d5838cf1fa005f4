namespace BpfTools.Records;

/// <summary>
/// One row of syscount's table: how many system calls one syscall (or, with -PerProcess, one process) made over a
/// window, and with -Latency how long they took. One record per row, one table per window.
/// </summary>
public sealed class SyscallSummary
{
    /// <summary>Start of the window the counts cover.</summary>
    public DateTime Start { get; init; }

    /// <summary>End of the window: when the tool printed its table.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>
    /// The system call's name (openat), or "[unknown: N]" for a number the tool has no name for; null with -PerProcess.
    /// </summary>
    public string? Syscall { get; init; }

    /// <summary>The process id, with -PerProcess; null otherwise.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The process name (comm, at most 15 characters), with -PerProcess; null otherwise.</summary>
    public string? ProcessName { get; init; }

    /// <summary>How many calls returned in the window (all of them failures with -FailedOnly or -ErrorName).</summary>
    public long Count { get; init; }

    /// <summary>
    /// How many of <see cref="Count"/> failed (returned -errno). The bpftrace backend counts them; libbpf and bcc's
    /// syscount do not, so it is null there, except with -FailedOnly or -ErrorName, where every call counted failed.
    /// </summary>
    public long? Errors { get; init; }

    /// <summary>
    /// Time spent in these calls, summed over every thread (so it can exceed the window), with -Latency; null otherwise.
    /// </summary>
    public TimeSpan? TotalTime { get; init; }

    /// <summary><see cref="TotalTime"/> divided by <see cref="Count"/>, with -Latency; null otherwise.</summary>
    public TimeSpan? AverageTime { get; init; }

    /// <summary>A row with the average computed from the total.</summary>
    internal static SyscallSummary Create(DateTime start, DateTime end, string? syscall, int? processId, string? processName,
        long count, long? errors, TimeSpan? totalTime) => new()
    {
        Start = start,
        End = end,
        Syscall = syscall,
        ProcessId = processId,
        ProcessName = processName,
        Count = count,
        Errors = errors,
        TotalTime = totalTime,
        AverageTime = totalTime is { } total && count > 0 ? TimeSpan.FromTicks(total.Ticks / count) : null,
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Syscall ?? $"{ProcessId} {ProcessName}"} {Count}" + (TotalTime is { } t ? $" {t.TotalMicroseconds:0.###} us" : "");
}
