namespace BpfTools.Records;

/// <summary>One exec() system call, as traced by execsnoop.</summary>
public sealed class ExecEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the exec() (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The process name (comm) after the exec: the new program's name when it succeeded.</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The process that called exec().</summary>
    public int ProcessId { get; init; }

    /// <summary>Its parent process.</summary>
    public int ParentProcessId { get; init; }

    /// <summary>The user id that called exec(); -1 when the backend does not report it.</summary>
    public long Uid { get; init; } = -1;

    /// <summary>0 when the exec() succeeded, else the negative errno (-2 is ENOENT).</summary>
    public int Ret { get; init; }

    /// <summary>The symbolic errno (ENOENT, EACCES...) when the exec() failed; empty when it succeeded.</summary>
    public string Error => Ret < 0 ? Errno.Name(-Ret) : "";

    /// <summary>The command line: the arguments joined by spaces, each exactly as passed (newlines kept).</summary>
    public string CommandLine => string.Join(' ', Arguments);

    /// <summary>The argument vector; the first is the path given to exec(). As text (Export-Csv), each argument is shell-quoted where needed.</summary>
    public CommandArguments Arguments { get; init; } = CommandArguments.None;

    /// <summary>True when the tool cut the argument list short (more than its maximum argument count).</summary>
    public bool Truncated { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {ProcessId} {Ret} {CommandLine}";
}
