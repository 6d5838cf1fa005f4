namespace BpfTools.Records;

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
