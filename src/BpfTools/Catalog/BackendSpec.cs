using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>One way to run a tool: which executable, which probes it needs, and what it prints.</summary>
/// <param name="Kind">The backend family.</param>
/// <param name="Executables">Names or absolute paths to look for, in order.</param>
/// <param name="Probes">The kernel instrumentation it attaches to.</param>
/// <param name="Program">For bpftrace: the program file in the module's bpftrace folder.</param>
internal abstract record BackendSpec(BackendKind Kind, IReadOnlyList<string> Executables, ProbeKind Probes, string? Program = null)
    : BackendNeeds(Kind, Executables, Probes, Program)
{
    /// <summary>Finds it on this host and checks that the host can run it.</summary>
    public LocatedBackend Locate(HostCapabilities host, string programFolder) => LocatedBackend.Locate(this, host, programFolder);
}

/// <summary>A backend that turns typed options into arguments and reads its output into records.</summary>
/// <typeparam name="TOptions">The cmdlet's options.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <param name="Kind">The backend family.</param>
/// <param name="Executables">Names or absolute paths to look for, in order.</param>
/// <param name="Probes">The kernel instrumentation it attaches to.</param>
/// <param name="BuildArguments">The tool's arguments from the options and the time it is given to end by itself.</param>
/// <param name="CreateParser">A parser for its output.</param>
/// <param name="Program">For bpftrace: the program file in the module's bpftrace folder.</param>
internal sealed record BackendSpec<TOptions, TRecord>(
    BackendKind Kind,
    IReadOnlyList<string> Executables,
    ProbeKind Probes,
    Func<TOptions, TimeLimit, IReadOnlyList<string>> BuildArguments,
    Func<TraceClock, IRecordParser<TRecord>> CreateParser,
    string? Program = null)
    : BackendSpec(Kind, Executables, Probes, Program)
    where TRecord : class
{
    /// <summary>A backend that cannot be told how long to run: only the parent-death signal ends it if PowerShell dies.</summary>
    public BackendSpec(
        BackendKind kind,
        IReadOnlyList<string> executables,
        ProbeKind probes,
        Func<TOptions, IReadOnlyList<string>> arguments,
        Func<TraceClock, IRecordParser<TRecord>> createParser,
        string? program = null)
        : this(kind, executables, probes, (options, _) => arguments(options), createParser, program)
    {
    }

    /// <summary>The tool's arguments for <paramref name="options"/> in a run of <paramref name="duration"/> (null: until stopped).</summary>
    public IReadOnlyList<string> Arguments(TOptions options, TimeSpan? duration = null) => BuildArguments(options, new TimeLimit(duration));
}
