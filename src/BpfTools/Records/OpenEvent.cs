namespace BpfTools.Records;

/// <summary>One open() or openat() system call, as traced by opensnoop.</summary>
public sealed class OpenEvent : ITimedEvent
{
    /// <summary>Wall-clock time of the call (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The calling process.</summary>
    public int ProcessId { get; init; }

    /// <summary>Its name (comm).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The calling user id; -1 when the backend does not report it.</summary>
    public long Uid { get; init; } = -1;

    /// <summary>The file descriptor returned, or -1 when the open failed.</summary>
    public int Fd { get; init; }

    /// <summary>0 when the open worked, else the errno (2 is ENOENT).</summary>
    public int Errno { get; init; }

    /// <summary>The symbolic errno (ENOENT, EACCES...) when the open failed; empty when it worked.</summary>
    public string Error => Errno > 0 ? Records.Errno.Name(Errno) : "";

    /// <summary>The open flags as the kernel got them; -1 when the backend does not report them.</summary>
    public int Flags { get; init; } = -1;

    /// <summary>The flags by name (O_WRONLY|O_CREAT|O_TRUNC).</summary>
    public string FlagNames => Flags < 0 ? "" : OpenFlags.Describe(Flags);

    /// <summary>The path as passed to open(), relative paths as given.</summary>
    public string Path { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {ProcessId} {Fd} {Errno} {Path}";
}
