namespace BpfTools.Records;

/// <summary>Which implementation of a tool runs (-Backend).</summary>
public enum BackendKind
{
    /// <summary>Try the installed backends in the catalog's order, falling back when one cannot attach.</summary>
    Auto,
    /// <summary>bcc's libbpf-tools (CO-RE binaries: fast start, need BTF).</summary>
    Libbpf,
    /// <summary>bcc's Python tools (compile at start, need kernel headers).</summary>
    Bcc,
    /// <summary>A bpftrace program shipped with BpfTools.</summary>
    Bpftrace,
}
