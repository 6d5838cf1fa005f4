namespace BpfTools.Records;

/// <summary>
/// One distinct stack seen by the CPU profiler (profile) over its sampling window, with how many timed samples
/// landed on it. Stacks are leaf first, as the tools print them: the frame running when the sample was taken
/// comes first, its callers after it.
/// </summary>
public sealed class CpuStackSample
{
    /// <summary>The process (task) name, as the kernel knows it (comm, at most 15 characters).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process id; 0 when the tool does not report it (libbpf and bcc folded output without -ProcessId).</summary>
    public int ProcessId { get; init; }

    /// <summary>How many samples landed on this stack.</summary>
    public long Count { get; init; }

    /// <summary>Kernel frames, leaf first; empty when the sample was taken in user mode or with -UserOnly.</summary>
    public StackFrames KernelStack { get; init; } = StackFrames.None;

    /// <summary>User-space frames, leaf first (hexadecimal addresses where there are no symbols); empty for kernel threads or with -KernelOnly.</summary>
    public StackFrames UserStack { get; init; } = StackFrames.None;

    /// <summary>
    /// The stack on one line in Brendan Gregg's folded form, without the count: the process name, then the user
    /// frames and the kernel frames, root to leaf, separated by ';'. For Export-Csv and flame graphs.
    /// </summary>
    public string FoldedStack { get; init; } = "";

    /// <summary>When sampling started.</summary>
    public DateTime Start { get; init; }

    /// <summary>When sampling ended.</summary>
    public DateTime End { get; init; }

    /// <summary>
    /// The window, <see cref="Start"/>/<see cref="End"/>, as an ISO 8601 interval to the microsecond
    /// (2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00): what Export-Csv keeps precise.
    /// </summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>Builds a sample, computing <see cref="FoldedStack"/> from the stacks.</summary>
    public static CpuStackSample Create(string processName, int processId, long count, string[] kernelStack, string[] userStack,
        DateTime start, DateTime end) => new()
    {
        ProcessName = processName,
        ProcessId = processId,
        Count = count,
        KernelStack = kernelStack,
        UserStack = userStack,
        FoldedStack = FoldedStackFormat.Frames(processName, userStack, kernelStack),
        Start = start,
        End = end,
    };
}
