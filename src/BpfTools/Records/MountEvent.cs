namespace BpfTools.Records;

/// <summary>The system call a <see cref="MountEvent"/> traced.</summary>
public enum MountCall
{
    /// <summary>mount(2): attach a file system, or change a mount (remount, bind, move, propagation).</summary>
    Mount,
    /// <summary>umount2(2): detach a file system.</summary>
    Umount,
}

/// <summary>One mount or umount system call and its result, as traced by mountsnoop.</summary>
public sealed class MountEvent : ITimedEvent
{
    /// <summary>Wall-clock time the call returned (local time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// <see cref="Timestamp"/> as ISO 8601 text to the microsecond with the UTC offset (2026-11-30T13:22:46.123456+00:00):
    /// what Export-Csv keeps precise (it writes a DateTime in whole seconds); sorts as text.
    /// </summary>
    public string Time => TimeText.Of(Timestamp);

    /// <summary>The calling process's name (comm).</summary>
    public string ProcessName { get; init; } = "";

    /// <summary>The calling process (the thread group id).</summary>
    public int ProcessId { get; init; }

    /// <summary>The calling thread.</summary>
    public int ThreadId { get; init; }

    /// <summary>The inode number of the caller's mount namespace (as in /proc/PID/ns/mnt): which mount table changed.</summary>
    public long MountNamespace { get; init; }

    /// <summary>mount or umount.</summary>
    public MountCall Call { get; init; }

    /// <summary>mount's source (a device, a path, or a name such as "none" or "tmpfs"); empty for umount.</summary>
    public string Source { get; init; } = "";

    /// <summary>The mount point.</summary>
    public string Target { get; init; } = "";

    /// <summary>mount's file system type ("tmpfs"); empty for umount and for calls that only change a mount.</summary>
    public string FileSystemType { get; init; } = "";

    /// <summary>
    /// The flags as mountsnoop prints them: "0x0" for none, else names joined with " | " ("MS_RDONLY | MS_NOSUID").
    /// Kept as text: mountsnoop's own table names some bits wrongly (see Get-BpfMount's help).
    /// </summary>
    public string Flags { get; init; } = "";

    /// <summary>mount's data: file-system options such as "size=1m,mode=0700"; empty for umount.</summary>
    public string Data { get; init; } = "";

    /// <summary>The call's return value: 0 on success, minus the errno on failure (-2 for ENOENT).</summary>
    public int Result { get; init; }

    /// <summary>The errno name of a failure (ENOENT, EBUSY, EPERM...); null on success.</summary>
    public string? Error { get; init; }

    /// <summary>True when the call failed: what -FailedOnly keeps.</summary>
    public bool Failed => Error is not null;

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessName} {Call} {Target} {Error ?? "0"}";
}
