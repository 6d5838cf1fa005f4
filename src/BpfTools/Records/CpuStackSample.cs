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
    public string[] KernelStack { get; init; } = [];

    /// <summary>User-space frames, leaf first (hexadecimal addresses where there are no symbols); empty for kernel threads or with -KernelOnly.</summary>
    public string[] UserStack { get; init; } = [];

    /// <summary>
    /// The stack on one line in Brendan Gregg's folded form, without the count: the process name, then the user
    /// frames and the kernel frames, root to leaf, separated by ';'. For Export-Csv and flame graphs.
    /// </summary>
    public string FoldedStack { get; init; } = "";

    /// <summary>When sampling started.</summary>
    public DateTime Start { get; init; }

    /// <summary>When sampling ended.</summary>
    public DateTime End { get; init; }

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
