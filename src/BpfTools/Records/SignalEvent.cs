namespace BpfTools.Records;

/// <summary>One signal sent, as traced by sigsnoop (every signal the kernel generates) or killsnoop (kill() calls).</summary>
public sealed class SignalEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the signal (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process that sent the signal (the kernel itself shows as 0, swapper).</summary>
    public int SenderProcessId { get; init; }

    /// <summary>The sender's process name (comm).</summary>
    public string SenderName { get; init; } = "";

    /// <summary>
    /// The target as the call named it: a process, or with kill(), 0 for the caller's process group and a negative
    /// number for the process group of that number; -1 for every process the caller may signal.
    /// </summary>
    public int TargetProcessId { get; init; }

    /// <summary>The signal's name (SIGKILL, SIGRTMIN+1); null for signal 0, kill's existence probe, which sends nothing.</summary>
    public string? Signal { get; init; }

    /// <summary>The signal's number, as the kernel numbers it on x86_64 and arm64 (0 for the existence probe).</summary>
    public int SignalNumber { get; init; }

    /// <summary>0 when the signal was sent; a negative errno (-3 for ESRCH) when the call failed.</summary>
    public int Result { get; init; }

    /// <summary>The error's name (ESRCH, EPERM) when <see cref="Result"/> is negative; null when it succeeded.</summary>
    public string? Error => Result < 0 ? Errno.Name(-Result) : null;

    /// <summary>True when the signal could not be sent: what -FailedOnly keeps.</summary>
    public bool Failed => Result != 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{SenderName} {SenderProcessId} {Signal ?? "0"} {TargetProcessId} {Result.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
