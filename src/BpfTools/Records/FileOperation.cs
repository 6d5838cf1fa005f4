namespace BpfTools.Records;

/// <summary>The file system operation a slow-operation tool timed (its T column).</summary>
public enum FileOperation
{
    /// <summary>A read (R).</summary>
    Read,
    /// <summary>A write (W).</summary>
    Write,
    /// <summary>An open (O).</summary>
    Open,
    /// <summary>An fsync or fdatasync (S in bcc's tools, F in libbpf-tools' fsslower).</summary>
    Sync,
    /// <summary>A getattr, the stat() behind it (G): only bcc's nfsslower times these.</summary>
    GetAttributes,
}
