using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Runner;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// What every tracing cmdlet shares: -Duration, -MaxEvents, -Backend; choosing and falling back between
/// backends; running the tool; and writing its records on the pipeline thread as they arrive.
/// </summary>
public abstract class BpfCommandBase : PSCmdlet, IDisposable
{
    /// <summary>How long a tool may take to attach before BpfTools gives up on it.</summary>
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a run may go without output: some tools print nothing until they end (profile -f folded output
    /// after its own duration), so the run's -Duration is added to the attach allowance.
    /// </summary>
    private static TimeSpan StartTimeoutFor(TimeSpan? duration) => StartTimeout + (duration ?? TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _run;
    private int _writtenRecords;

    /// <summary>
    /// How long to trace, counted from the moment the probes are attached: a TimeSpan, or seconds.
    /// Without it, tracing goes on until -MaxEvents, Ctrl-C, or the pipeline stops.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    [ValidatePositiveDuration]
    public TimeSpan? Duration { get; set; }

    /// <summary>Stop after writing this many events.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxEvents { get; set; }

    /// <summary>Which implementation to run; Auto tries them in order and falls back when one cannot attach.</summary>
    [Parameter]
    public BackendKind Backend { get; set; } = BackendKind.Auto;

    /// <summary>Where the module's bpftrace programs are.</summary>
    internal static string ProgramFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(BpfCommandBase).Assembly.Location) ?? ".", "bpftrace");

    /// <inheritdoc/>
    protected override void StopProcessing() => _stop.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        // EndProcessing may never run (a stopped pipeline): the tool process is torn down here too.
        _stop.Cancel();
        _run?.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A filter on the process name: the tools test it in the kernel where they can (-n), and the same substring
    /// test here keeps every backend's answer alike.
    /// </summary>
    protected static Func<TRecord, bool>? ProcessNameContains<TRecord>(string? name, Func<TRecord, string> processName) =>
        name is null ? null : record => processName(record).Contains(name, StringComparison.Ordinal);

    /// <summary>Runs <paramref name="tool"/> with the first backend that attaches and writes what <paramref name="keep"/> accepts.</summary>
    private protected void Trace<TOptions, TRecord>(ToolSpec<TOptions, TRecord> tool, TOptions options, Func<TRecord, bool>? keep = null)
        where TRecord : class
    {
        var host = HostCapabilities.Probe();
        if (!host.IsPrivileged)
        {
            ThrowTerminatingError(LocatedBackend.NotPrivileged().ToErrorRecord(tool.Name));
        }

        var candidates = tool.Backends.Where(b => Backend == BackendKind.Auto || b.Kind == Backend).ToList();
        if (candidates.Count == 0)
        {
            ThrowTerminatingError(NoSuchBackend(tool, Backend).ToErrorRecord(tool.Name));
        }
        var checks = candidates.Select(b => b.Locate(host, ProgramFolder)).ToList();
        foreach (var skipped in checks.Where(c => !c.CanRun))
        {
            WriteVerbose($"{tool.Name}: {skipped.Kind} backend skipped: {skipped.Problem!.Message}");
        }
        var runnable = candidates.Zip(checks).Where(p => p.Second.CanRun).ToList();
        if (runnable.Count == 0)
        {
            ThrowTerminatingError(MostUseful(checks).ToErrorRecord(tool.Name));
        }

        for (var i = 0; i < runnable.Count; i++)
        {
            var (backend, check) = runnable[i];
            WriteVerbose($"{tool.Name}: chose the {backend.Kind} backend: " + (Backend != BackendKind.Auto
                ? "-Backend asked for it."
                : i == 0 ? "the first in the Auto order that can run here." : "the next in the Auto order."));
            var problem = RunBackend(tool, backend, check, options, keep);
            if (problem is null)
            {
                return;
            }
            if (i + 1 < runnable.Count)
            {
                WriteVerbose($"{tool.Name}: {backend.Kind} backend failed to start ({problem.Message}); falling back to {runnable[i + 1].First.Kind}.");
                continue;
            }
            ThrowTerminatingError(problem.ToErrorRecord(tool.Name));
        }
    }

    /// <summary>Runs one backend to the end; returns why it failed to start, or null when it ran.</summary>
    private Problem? RunBackend<TOptions, TRecord>(ToolSpec tool, BackendSpec<TOptions, TRecord> backend, LocatedBackend check, TOptions options, Func<TRecord, bool>? keep)
        where TRecord : class
    {
        var invocation = ToolInvocation.For(check, backend.Arguments(options, Duration));
        var run = new TracingRun<TRecord>(invocation, backend.CreateParser(TraceClock.System), Duration, StartTimeoutFor(Duration));
        _run = run;
        WriteVerbose($"{tool.Name}: running the {backend.Kind} backend: {run.Invocation.CommandLine}");
        if (run.Unprotected is { } why)
        {
            WriteVerbose($"{tool.Name}: {why}");
        }
        try
        {
            run.Start();
            using (_stop.Token.Register(run.RequestStop))
            {
                Drain(run, keep);
            }
            if (_stop.IsCancellationRequested)
            {
                // Stopped: the finally below stops the tool and waits for it; nothing more may be written.
                return null;
            }
            // Drain returns normally only once the run is over and its queue is empty.
            var outcome = run.Completion.GetAwaiter().GetResult();
            // Ended without printing anything, not even its header: it never traced, whatever its exit code
            // (libbpf biolatency exits 0 after "invaild partition name").
            if (!outcome.Ready)
            {
                return StartProblem(tool, backend, outcome, run.StderrTail);
            }
            ReportEnd(tool, backend, run, outcome);
            return null;
        }
        finally
        {
            // Runs on every path out, including a stopped pipeline and `Select -First`: the process is reaped.
            run.Dispose();
            _run = null;
        }
    }

    /// <summary>Writes the run's records and messages on the pipeline thread until the run ends or the pipeline stops.</summary>
    private void Drain<TRecord>(TracingRun<TRecord> run, Func<TRecord, bool>? keep) where TRecord : class
    {
        var unparsedReported = 0;
        try
        {
            foreach (var item in run.Queue.GetConsumingEnumerable(_stop.Token))
            {
                switch (item)
                {
                    case List<TRecord> batch:
                        foreach (var record in batch)
                        {
                            Write(run, record, keep);
                        }
                        break;
                    case RunMessage { Kind: RunMessageKind.Unparsable } message when unparsedReported++ < ParseStats.MaxSamples:
                        // A cut-off map of profile.bt is one line of many kilobytes: the record keeps it whole, the message its start.
                        WriteError(new Problem(BpfErrorId.UnparsableOutput, ErrorCategory.InvalidData,
                            $"A line of the tool's output could not be read and was skipped: {Shorten(message.Text)}",
                            "Other events are unaffected. Report the line with the tool's version (Get-BpfTool).").ToErrorRecord(message.Text));
                        break;
                    case RunMessage { Kind: RunMessageKind.LostEvents } message:
                        WriteWarning(message.Text);
                        break;
                    case RunMessage { Kind: RunMessageKind.Verbose } message:
                        WriteVerbose(message.Text);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl-C or a stopped pipeline: Dispose-on-exit stops the tool.
        }
    }

    /// <summary>Writes one record if it is kept and -MaxEvents is not yet reached; stops the tool when it is.</summary>
    private void Write<TRecord>(TracingRun<TRecord> run, TRecord record, Func<TRecord, bool>? keep) where TRecord : class
    {
        if (_writtenRecords == MaxEvents || (keep is not null && !keep(record)))
        {
            return;
        }
        WriteObject(record);
        if (++_writtenRecords == MaxEvents)
        {
            WriteVerbose($"Reached -MaxEvents {MaxEvents}: stopping the tool.");
            run.RequestStop();
        }
    }

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
        return StderrClassifier.SaysPermissionDenied(stderr)
            ? new Problem(BpfErrorId.AttachPermissionDenied, ErrorCategory.PermissionDenied,
                $"The kernel refused to let {name} attach its probes. {LastWords(stderr)}",
                "Run as root, or grant CAP_BPF,CAP_PERFMON; check kernel.unprivileged_bpf_disabled and lockdown.")
            : new Problem(BpfErrorId.AttachFailed, ErrorCategory.NotEnabled,
                $"{name} failed to attach to this kernel (exit code {outcome.ExitCode}). {LastWords(stderr)}",
                "Try another -Backend; Get-BpfTool shows what this kernel supports.");
    }

    /// <summary>What the tool said about failing: its error lines if it printed any, else its last words, never lost-event notices.</summary>
    private protected static string LastWords(IReadOnlyList<string> stderr)
    {
        var kinds = stderr.Select(l => (Line: l.Trim(), Kind: StderrClassifier.Classify(l, out _))).Where(l => l.Line.Length > 0).ToList();
        var errors = kinds.Where(l => l.Kind is StderrKind.AttachFailure or StderrKind.PermissionDenied).ToList();
        var lines = (errors.Count > 0 ? errors : kinds.Where(l => l.Kind != StderrKind.LostEvents)).TakeLast(3).Select(l => l.Line);
        var text = string.Join(" | ", lines);
        return text.Length == 0 ? "It printed nothing on stderr." : $"It said: {text}";
    }

    /// <summary>A -Backend the tool does not have (fsslower has no bpftrace program).</summary>
    private static Problem NoSuchBackend(ToolSpec tool, BackendKind backend) => new(BpfErrorId.BackendNotAvailable, ErrorCategory.InvalidArgument,
        $"{tool.Name} has no {backend} backend; it has {string.Join(", ", tool.AllBackends.Select(b => b.Kind))}.",
        $"Use -Backend Auto, or one of {string.Join(", ", tool.AllBackends.Select(b => b.Kind))}.");

    /// <summary>With -Backend Auto and nothing runnable: an installed tool's problem says more than "not installed".</summary>
    private static Problem MostUseful(IReadOnlyList<LocatedBackend> checks) =>
        checks.Select(c => c.Problem!).FirstOrDefault(p => p.ErrorId != BpfErrorId.ToolNotInstalled) ?? checks[0].Problem!;
}
