using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Runner;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>Why a backend could not run or start, as problems with a stable id and the fix.</summary>
public abstract partial class BpfCommandBase
{
    private static string Shorten(string line) => line.Length <= 300 ? line : $"{line[..300]}... ({line.Length} characters)";

    private Problem StartProblem(ToolSpec tool, BackendSpec backend, RunOutcome outcome, IReadOnlyList<string> stderr)
    {
        var name = $"{tool.Name} ({backend.Kind})";
        if (outcome.StartError is { } error)
        {
            return new Problem(BpfErrorId.ToolStartFailed, ErrorCategory.OpenError, $"{name} could not be started: {error}", "Check that the file is executable (Get-BpfTool).");
        }
        if (outcome.TimedOut)
        {
            return new Problem(BpfErrorId.ToolStartTimeout, ErrorCategory.OperationTimeout,
                $"{name} printed nothing within {StartTimeoutFor(Duration).TotalSeconds} s of starting, so it was stopped. {LastWords(stderr)}",
                "Run with -Verbose to see the tool's messages; try another -Backend.");
        }
        if (ExplainFailedStart(outcome, stderr) is { } explained)
        {
            return explained;
        }
        return StderrClassifier.SaysPermissionDenied(stderr)
            ? new Problem(BpfErrorId.AttachPermissionDenied, ErrorCategory.PermissionDenied,
                $"The kernel refused to let {name} attach its probes. {LastWords(stderr)}",
                "Run as root, or grant CAP_BPF,CAP_PERFMON; check kernel.unprivileged_bpf_disabled and lockdown.")
            : new Problem(BpfErrorId.AttachFailed, ErrorCategory.NotEnabled,
                $"{name} failed to attach to this kernel (exit code {outcome.ExitCode}). {LastWords(stderr)}",
                "Try another -Backend; Get-BpfTool shows what this kernel supports.");
    }

    /// <summary>
    /// True when a tool that printed nothing traced all the same: one that prints only at its end and prints nothing
    /// when it saw nothing (libbpf-tools' offcputime exits 0 without a line). Such a run ends with the cmdlet's
    /// empty-run warning instead of an attach failure and a fallback to the next backend.
    /// </summary>
    private protected virtual bool EndedWithNothingToReport(RunOutcome outcome, IReadOnlyList<string> stderr) => false;

    /// <summary>A cmdlet's own reading of a tool that ended before tracing (a program bpftrace refused), or null.</summary>
    private protected virtual Problem? ExplainFailedStart(RunOutcome outcome, IReadOnlyList<string> stderr) => null;

    /// <summary>What the tool said about failing: its error lines if it printed any, else its last words, never lost-event notices.</summary>
    internal static string LastWords(IReadOnlyList<string> stderr)
    {
        var kinds = stderr.Select(l => (Line: l.Trim(), Kind: StderrClassifier.Classify(l, out _))).Where(l => l.Line.Length > 0).ToList();
        var errors = kinds.Where(l => l.Kind is StderrKind.AttachFailure or StderrKind.PermissionDenied).ToList();
        var lines = (errors.Count > 0 ? errors : kinds.Where(l => l.Kind is not (StderrKind.LostEvents or StderrKind.Harmless))).TakeLast(3).Select(l => l.Line);
        var text = string.Join(" | ", lines);
        if (text.Length > 0)
        {
            return $"It said: {text}";
        }
        return kinds.Count == 0 ? "It printed nothing on stderr." : "It printed only notices on stderr (see -Verbose).";
    }

    /// <summary>A -Backend the tool does not have (fsslower has no bpftrace program).</summary>
    private static Problem NoSuchBackend(ToolSpec tool, BackendKind backend) => new(BpfErrorId.BackendNotAvailable, ErrorCategory.InvalidArgument,
        $"{tool.Name} has no {backend} backend; it has {string.Join(", ", tool.AllBackends.Select(b => b.Kind))}.",
        $"Use -Backend Auto, or one of {string.Join(", ", tool.AllBackends.Select(b => b.Kind))}.");

    /// <summary>With -Backend Auto and nothing runnable: an installed tool's problem says more than "not installed".</summary>
    private static Problem MostUseful(IReadOnlyList<LocatedBackend> checks) =>
        checks.Select(c => c.Problem!).FirstOrDefault(p => p.ErrorId != BpfErrorId.ToolNotInstalled) ?? checks[0].Problem!;
}
