namespace BpfTools.Records;

/// <summary>One wakeup-to-run delay over the threshold, as traced by runqslower: a thread that waited for a CPU.</summary>
public sealed class RunQueueDelayEvent : ITimedEvent
{
    /// <summary>When the thread finally ran (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The thread's name (comm).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The thread that waited (runqslower's TID; the process id for a single-threaded process).</summary>
    public int ThreadId { get; init; }

    /// <summary>How long it waited: from its wakeup, or from its preemption while runnable, until it ran.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The thread that had the CPU just before it (runqslower -P's PREV COMM).</summary>
    public string PreviousProcessName { get; init; } = "";

    /// <summary>That thread's id (PREV TID); -1 when the tool did not say (runqslower without -P).</summary>
    public int PreviousThreadId { get; init; } = -1;

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {ThreadId} {Delay.TotalMicroseconds:0} us";
}
