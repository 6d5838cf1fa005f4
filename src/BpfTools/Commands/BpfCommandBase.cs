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
public abstract partial class BpfCommandBase : PSCmdlet, IDisposable
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
    private SudoRoute? _sudo;
    // long: a run without -Duration at 100K events/s passes int's 2^31 in six hours.
    private long _writtenRecords;

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

    /// <summary>
    /// The module's folder, where its assembly is, symlinks resolved: a sudoers rule names real paths, and the
    /// command run through sudo must be the one the rule names.
    /// </summary>
    internal static string ModuleFolder => LoadedFrom.Value;

    private static readonly Lazy<string> LoadedFrom = new(() =>
    {
        var folder = Path.GetDirectoryName(typeof(BpfCommandBase).Assembly.Location) ?? ".";
        return RootOnlyFiles.RealPath(folder) ?? folder;
    });

    /// <summary>Where the module's bpftrace programs are.</summary>
    internal static string ProgramFolder => Path.Combine(ModuleFolder, "bpftrace");

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

    /// <summary>How long the tool runs: -Duration, unless a cmdlet's record stage decides when it has enough.</summary>
    private protected virtual TimeSpan? RunDuration => Duration;

    /// <summary>
    /// Runs <paramref name="tool"/> with the first backend that attaches and writes what <paramref name="keep"/> accepts,
    /// through <paramref name="stage"/> when there is one; <paramref name="reading"/> wraps the backend's parser (to name frames).
    /// </summary>
    private protected void Trace<TOptions, TRecord>(ToolSpec<TOptions, TRecord> tool, TOptions options, Func<TRecord, bool>? keep = null,
        RecordStage<TRecord>? stage = null, Func<IRecordParser<TRecord>, IRecordParser<TRecord>>? reading = null)
        where TRecord : class
    {
        var host = HostCapabilities.Probe();
        _sudo = null;
        if (!host.IsPrivileged)
        {
            _sudo = SudoRoute.Find(ModuleFolder);
            if (_sudo is null)
            {
                ThrowTerminatingError(LocatedBackend.NotPrivileged().ToErrorRecord(tool.Name));
            }
            WriteVerbose($"{tool.Name}: not root and without CAP_BPF: the tool runs through {_sudo!.Sudo} -n and {_sudo.Guard}, if a sudoers rule allows its exact command.");
            host = host with { ThroughSudo = true };
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
            var problem = RunBackend(tool, backend, check, options, keep, stage, reading);
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
    private Problem? RunBackend<TOptions, TRecord>(ToolSpec tool, BackendSpec<TOptions, TRecord> backend, LocatedBackend check, TOptions options,
        Func<TRecord, bool>? keep, RecordStage<TRecord>? stage, Func<IRecordParser<TRecord>, IRecordParser<TRecord>>? reading)
        where TRecord : class
    {
        var arguments = backend.Arguments(options, RunDuration);
        var invocation = ToolInvocation.For(check, arguments);
        if (_sudo is not null)
        {
            // The exact command a rule must allow; sudo -n -l answers for this argument list, not for the tool in general.
            if (_sudo.Refusal(check, arguments, out var command) is { } refused)
            {
                return refused;
            }
            invocation = _sudo.Invocation(command);
            WriteVerbose($"{tool.Name}: sudo allows it: the tool runs as root through the guard, which stops it when this PowerShell ends.");
        }
        var clock = new ReadArrivalClock(TraceClock.System);
        var parser = backend.CreateParser(clock);
        var run = new TracingRun<TRecord>(invocation, reading?.Invoke(parser) ?? parser, RunDuration, StartTimeoutFor(RunDuration), clock);
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
                Drain(run, keep, stage);
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
            if (!outcome.Ready && !EndedWithNothingToReport(outcome, run.StderrTail))
            {
                return StartProblem(tool, backend, outcome, run.StderrTail);
            }
            foreach (var record in stage?.Finish() ?? [])
            {
                WriteOne(run, record);
            }
            if (stage?.Summary is { } summary)
            {
                WriteVerbose($"{tool.Name}: {summary}");
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
    private void Drain<TRecord>(TracingRun<TRecord> run, Func<TRecord, bool>? keep, RecordStage<TRecord>? stage) where TRecord : class
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
                            Write(run, record, keep, stage);
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

    /// <summary>Writes one record if it is kept (through the stage, if any); stops the tool when the stage has all it needs.</summary>
    private void Write<TRecord>(TracingRun<TRecord> run, TRecord record, Func<TRecord, bool>? keep, RecordStage<TRecord>? stage) where TRecord : class
    {
        if (keep is not null && !keep(record))
        {
            return;
        }
        if (stage is null)
        {
            WriteOne(run, record);
            return;
        }
        foreach (var ready in stage.Take(record))
        {
            WriteOne(run, ready);
        }
        if (stage.Done)
        {
            run.RequestStop();
        }
    }

    /// <summary>Writes one record unless -MaxEvents is reached; stops the tool when it is.</summary>
    private void WriteOne<TRecord>(TracingRun<TRecord> run, TRecord record) where TRecord : class
    {
        if (_writtenRecords == MaxEvents)
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
}
