using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Runner;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>The end-of-run report: what the run read, what it lost or could not read, and why it wrote nothing if it did not.</summary>
public abstract partial class BpfCommandBase
{
    private void ReportEnd<TRecord>(ToolSpec tool, BackendSpec backend, TracingRun<TRecord> run, RunOutcome outcome) where TRecord : class
    {
        var name = $"{tool.Name} ({backend.Kind})";
        var stats = run.Stats;
        WriteVerbose($"{tool.Name}: {stats.Lines} lines read, {stats.Records} events parsed, {_writtenRecords} written, {stats.Unparsed} unparsable, {run.LostEvents} lost in the kernel.");
        if (run.Window is { StopReason: { } why } window)
        {
            WriteVerbose($"{tool.Name}: read on for {window.Drained.TotalSeconds:0.00} s after -Duration ended at {window.ClosedAt:HH:mm:ss.fff}, " +
                $"until {why}: {window.DroppedAfter} events stamped after it were dropped.");
        }
        if (stats.Unparsed > ParseStats.MaxSamples)
        {
            WriteWarning($"{stats.Unparsed} lines of {tool.Name}'s output could not be read; the first {ParseStats.MaxSamples} were reported as errors.");
        }
        if (run.HeldBackAtStop && _writtenRecords != MaxEvents)
        {
            WriteWarning($"The pipeline was taking events more slowly than {tool.Name} made them when it was stopped, so the events " +
                "still in the kernel's buffer then were discarded uncounted: the results may be incomplete. Filter with the " +
                "cmdlet's own parameters rather than Where-Object, or do less per event, to keep up.");
        }
        if (run.LostEvents > 0)
        {
            WriteWarning($"The kernel lost {run.LostEvents} {tool.Name} events in all (its buffer overflowed): the results are incomplete.");
        }
        if (run.StackLookupFailures > 0)
        {
            // -17 (EEXIST): when the stack was sampled, its slot in the kernel's stack table held another stack.
            var said = run.StderrTail.LastOrDefault(l => StderrClassifier.Classify(l, out _) == StderrKind.StackLookupFailure)?.Trim();
            var collided = said?.Contains("stack id -17 ", StringComparison.Ordinal) == true ? " (their slots in the kernel's stack table held other stacks)" : "";
            WriteWarning($"{tool.Name}: bpftrace could not look up {run.StackLookupFailures} of the stacks it sampled{collided}: their " +
                $"samples are counted with that part of the stack empty. It said: {said}");
        }
        foreach (var warning in stats.Warnings)
        {
            WriteWarning($"{tool.Name}: {warning}");
        }
        if (run.KilledAfterGrace)
        {
            WriteWarning($"{name} did not exit within {TracingRun<TRecord>.GracePeriod.TotalSeconds:0} s of SIGINT, so it was killed" +
                (ProcessState.IsStopped(run.StateWhenKilled) ? ": it was stopped (SIGSTOP, or a debugger) and could not answer" : "") +
                ". Events still in its buffer then were lost.");
        }
        if (outcome.EndedByItself && outcome.ExitCode is { } code and not 0)
        {
            var how = Signals.FromExitCode(code) is { } signal ? $"was killed by {Signals.Name(signal)} (signal {signal})" : $"exited with code {code}";
            WriteError(new Problem(BpfErrorId.ToolExited, ErrorCategory.OperationStopped,
                $"{name} {how} while tracing. {LastWords(run.StderrTail)}",
                "Events received before it ended were written. Run with -Verbose to see the tool's messages.").ToErrorRecord(tool.Name));
        }
        else if (_writtenRecords == 0)
        {
            // An empty answer must say whether it is true: nothing happened, or nothing passed the filters, or the tool failed.
            WriteWarning(EmptyRunWarning(new RunSummary($"{tool.Name} ({backend.Kind})", run.TracedFor, stats, outcome, run.StderrTail)));
        }
    }

    /// <summary>What a run that traced and wrote nothing did, for the warning that says why.</summary>
    /// <param name="Name">The tool and its backend: "execsnoop (Libbpf)".</param>
    /// <param name="TracedFor">From its first output to its end.</param>
    /// <param name="Stats">What the parser read.</param>
    /// <param name="Outcome">How the tool ended.</param>
    /// <param name="Stderr">The last lines it wrote on stderr.</param>
    private protected sealed record RunSummary(string Name, TimeSpan TracedFor, ParseStats Stats, RunOutcome Outcome, IReadOnlyList<string> Stderr);

    /// <summary>Why a run that traced wrote nothing: the tool printed no events, or none passed the cmdlet's filters.</summary>
    private protected virtual string EmptyRunWarning(RunSummary run) => run.Stats.Records == 0
        ? $"{run.Name} traced for {run.TracedFor.TotalSeconds:0.0} s and printed no events. {LastWords(run.Stderr)}"
        : $"{run.Name} traced {run.Stats.Records} events, and none passed this cmdlet's filters.";
}
