using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>bpftrace itself, running an admin's own program.</summary>
internal static partial class ToolCatalog
{
    /// <summary>bpftrace with an admin's program, wrapped by Invoke-BpfTrace: for Get-BpfTool's list.</summary>
    public static readonly ToolSpec<BpfTraceOptions, object> BpfTrace = BpfTraceFor(null, "");

    /// <summary>
    /// The entry for one run: unlike a bundled program's output, an admin's is read with the run's own delimiter
    /// (-Delimiter) and unit (-Unit), so the parser is made for them.
    /// </summary>
    /// <remarks>
    /// The program's probes are the admin's: tracepoints are what the host is checked for (tracefs), and a program on
    /// kprobes where there are none fails to attach with bpftrace's own message. Nothing can tell the program how long
    /// to run, so -Duration (SIGINT), the parent-death signal, or the program's own exit() ends it.
    /// </remarks>
    public static ToolSpec<BpfTraceOptions, object> BpfTraceFor(string? delimiter, string unit) => new(
        "bpftrace",
        "Invoke-BpfTrace",
        "an admin's own bpftrace program, its output as objects",
        [
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                o => BpfTraceArguments(o),
                clock => new BpfTraceOutputParser(delimiter, unit, clock)),
        ]);

    // -e and the text, or the file; then "--", so that a positional parameter starting with "-" is not an option.
    private static string[] BpfTraceArguments(BpfTraceOptions o) => o.Path is { } path
        ? ["--", path, .. o.Arguments]
        : ["-e", o.Program ?? "", "--", .. o.Arguments];
}

/// <summary>What Invoke-BpfTrace asks of bpftrace.</summary>
/// <param name="Program">The program's text (-e), or null when it is in <paramref name="Path"/>.</param>
/// <param name="Path">The program's file, or null.</param>
/// <param name="Arguments">The positional parameters $1, $2...</param>
internal sealed record BpfTraceOptions(string? Program, string? Path, IReadOnlyList<string> Arguments);
