using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Runner;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Runs your own bpftrace program and turns what it prints into objects: print() tuples, printf lines, maps and histograms.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BpfTrace", DefaultParameterSetName = ProgramSet)]
[OutputType(typeof(PSObject), typeof(BpfTraceMapEntry), typeof(BpfHistogram))]
public sealed class InvokeBpfTraceCommand : BpfCommandBase
{
    private const string ProgramSet = "Program";
    private const string PathSet = "Path";

    /// <summary>The program's text, as bpftrace -e takes it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProgramSet)]
    [ValidateNotNullOrEmpty]
    public string Program { get; set; } = "";

    /// <summary>A file holding the program (a .bt file).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The program's positional parameters: $1, $2... (str($1) for text). Also taken after --.</summary>
    [Parameter(ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[] ArgumentList { get; set; } = [];

    /// <summary>
    /// The names of a print() tuple's elements, in order, or of the fields -Delimiter splits a printf line into;
    /// elements past the names are Item4, Item5...; without names, Item1, Item2...
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateUniqueNames]
    public string[] Property { get; set; } = [];

    /// <summary>Splits each printf line into fields named by -Property (whole numbers become long); without it a line is one Text property.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Delimiter { get; set; }

    /// <summary>What the program's hist() and lhist() values measure (usecs, msecs, nsecs, bytes): the histograms' Unit.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Unit { get; set; } = "";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        string? path = null;
        if (ParameterSetName == PathSet)
        {
            path = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(new Problem(BpfErrorId.ProgramFileNotFound, ErrorCategory.ObjectNotFound,
                    $"The bpftrace program {path} does not exist.", "Give the path of a .bt file, or the program's text with -Program.").ToErrorRecord(path));
            }
        }
        var tool = ToolCatalog.BpfTraceFor(Delimiter, Unit);
        Trace(tool, new BpfTraceOptions(path is null ? Program : null, path, ArgumentList), stage: new BpfTraceRowNames(Property));
    }

    /// <summary>bpftrace refused the program: the errors it located, the first as the error's target.</summary>
    private protected override Problem? ExplainFailedStart(RunOutcome outcome, IReadOnlyList<string> stderr)
    {
        var errors = BpfTraceErrorParser.Read(stderr);
        if (errors.Count == 0)
        {
            return null;
        }
        var first = errors[0];
        return new Problem(BpfErrorId.ProgramInvalid, ErrorCategory.ParserError,
            $"bpftrace refused the program: {string.Join(" | ", errors)}",
            first.Line == 0
                ? "Correct the program. Past the BPF stack limit: fewer str() values at once, or a lower BPFTRACE_STRLEN (64 by default)."
                : $"Correct the program at line {first.Line}, column {first.Column}: {first.SourceLine.Trim()}") { Target = first };
    }
}
