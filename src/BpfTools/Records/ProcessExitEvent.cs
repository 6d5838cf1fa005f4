namespace BpfTools.Records;

/// <summary>One process (or, with -IncludeThreads, thread) ending, as traced by exitsnoop.</summary>
public sealed class ProcessExitEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the exit (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process name (comm) as it ended.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process that ended (the thread group id).</summary>
    public int ProcessId { get; init; }

    /// <summary>The thread that ended: the same as <see cref="ProcessId"/> for a whole process.</summary>
    public int ThreadId { get; init; }

    /// <summary>The parent, which is told of the exit.</summary>
    public int ParentProcessId { get; init; }

    /// <summary>The exit code (0 to 255) when the process exited by itself; null when a signal killed it.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that killed it (SIGKILL, SIGSEGV...); null when it exited by itself.</summary>
    public string? Signal { get; init; }

    /// <summary>True when the signal's action dumps core (whether a core file was written depends on ulimit -c).</summary>
    public bool CoreDumped { get; init; }

    /// <summary>How long the process (or thread) lived, to the hundredth of a second with libbpf-tools and bcc.</summary>
    public TimeSpan Age { get; init; }

    /// <summary>True for an exit code other than 0 or a death by signal: what -FailedOnly keeps.</summary>
    public bool Failed => ExitCode != 0;

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {ProcessId} {Signal ?? ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The event for the kernel's task->exit_code: the exit value in bits 15:8, the signal in bits 6:0, the core
    /// dump flag in bit 7.
    /// </summary>
    internal static (int? ExitCode, string? Signal, bool CoreDumped) FromKernelExitCode(long exitCode)
    {
        var signal = (int)(exitCode & 0x7f);
        return (signal == 0 ? (int)((exitCode >> 8) & 0xff) : null, signal == 0 ? null : SignalName.Of(signal), (exitCode & 0x80) != 0);
    }
}
