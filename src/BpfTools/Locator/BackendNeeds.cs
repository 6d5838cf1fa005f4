using BpfTools.Records;

namespace BpfTools.Locator;

/// <summary>What a backend is, for finding it and checking that this host can run it.</summary>
/// <param name="Kind">The backend family.</param>
/// <param name="Executables">Names or absolute paths to look for, in order.</param>
/// <param name="Probes">The kernel instrumentation it attaches to.</param>
/// <param name="Program">For bpftrace: the program file in the module's bpftrace folder.</param>
internal record BackendNeeds(BackendKind Kind, IReadOnlyList<string> Executables, ProbeKind Probes, string? Program = null);
