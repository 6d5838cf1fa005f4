namespace BpfTools.Records;

/// <summary>
/// One distinct stack a thread blocked in (off CPU: sleeping, waiting for I/O or a lock, or runnable but
/// preempted) over the tracing window, with the total time it spent there (offcputime). Stacks are leaf first,
/// as the tools print them: the frame that switched the thread out comes first, its callers after it.
/// </summary>
public sealed class OffCpuStackSample
{
    /// <summary>The thread's name, as the kernel knows it (comm, at most 15 characters).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process id; 0 when the tool does not report it (libbpf without -ProcessId).</summary>
    public int ProcessId { get; init; }

    /// <summary>The thread id (the process id for a single-threaded process).</summary>
    public int ThreadId { get; init; }

    /// <summary>The total time the thread spent off CPU in this stack, to the microsecond.</summary>
    public TimeSpan BlockedTime { get; init; }

    /// <summary>Kernel frames, leaf first; empty when the tool could not read them.</summary>
    public StackFrames KernelStack { get; init; } = StackFrames.None;

    /// <summary>User-space frames, leaf first ("[unknown]" or hexadecimal addresses where there are no symbols); empty for kernel threads.</summary>
    public StackFrames UserStack { get; init; } = StackFrames.None;

    /// <summary>
    /// The stack on one line in Brendan Gregg's folded form, without the count: the process name, then the user
    /// frames and the kernel frames, root to leaf, separated by ';'. For Export-Csv and flame graphs.
    /// </summary>
    public string FoldedStack { get; init; } = "";

    /// <summary>When tracing started.</summary>
    public DateTime Start { get; init; }

    /// <summary>When tracing ended.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>Builds a sample from the microseconds the tools count, computing <see cref="FoldedStack"/> from the stacks.</summary>
    public static OffCpuStackSample Create(string processName, int processId, int threadId, long microseconds,
        string[] kernelStack, string[] userStack, DateTime start, DateTime end) => new()
    {
        ProcessName = processName,
        ProcessId = processId,
        ThreadId = threadId,
        BlockedTime = TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond),
        KernelStack = kernelStack,
        UserStack = userStack,
        FoldedStack = FoldedStackFormat.Frames(processName, userStack, kernelStack),
        Start = start,
        End = end,
    };
}
