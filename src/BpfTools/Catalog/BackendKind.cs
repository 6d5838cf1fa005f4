namespace BpfTools.Catalog;

/// <summary>Which implementation of a tool runs.</summary>
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

/// <summary>The kind of kernel instrumentation a backend attaches to.</summary>
public enum ProbeKind
{
    /// <summary>Static tracepoints: stable across kernel versions.</summary>
    Tracepoint,
    /// <summary>Dynamic kernel probes (or fentry): break when kernel functions are renamed or inlined.</summary>
    Kprobe,
    /// <summary>Perf events (timed sampling).</summary>
    PerfEvent,
}
