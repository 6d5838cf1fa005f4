using BpfTools.Parsers;
using BpfTools.Records;
using CliWrap;

namespace BpfTools.Runner;

/// <summary>
/// One run of one tool process: starts it, parses its stdout into records on a background thread and
/// queues them (with stderr context) for the pipeline thread; stops it gracefully with SIGINT, kills it
/// after a grace period, and always waits for it to be reaped. The tool runs under a parent-death signal
/// (<see cref="ParentDeathSignal"/>), so it dies with PowerShell even when PowerShell is killed outright.
/// </summary>
/// <remarks>What it prints goes through <see cref="ToolOutput{TRecord}"/>, which parses and queues it.</remarks>
internal sealed partial class TracingRun<TRecord> : IDisposable where TRecord : class
{
    /// <summary>How long the tool has to exit after SIGINT before it is killed.</summary>
    internal static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    // Records of timed events are read past the window's end until the tool's buffer has drained (WindowEnd).
    private static readonly bool TimedEvents = typeof(ITimedEvent).IsAssignableFrom(typeof(TRecord));

    private readonly ToolInvocation _invocation;
    private readonly IRecordParser<TRecord> _parser;
    private readonly ToolOutput<TRecord> _output;
    private readonly ReadArrivalClock? _arrivals;
    private readonly TimeSpan? _duration;
    private readonly TimeSpan _startTimeout;
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly Timer _windowTimer;
    private readonly Timer _graceTimer;
    private Task<RunOutcome>? _completion;
    private volatile bool _ready;
    private volatile bool _timedOut;
    private long _readyTicks;
    private long _exitTicks;

    /// <summary>A run of <paramref name="tool"/>, not yet started.</summary>
    /// <param name="tool">The tool's own invocation; the run adds the parent-death signal to it.</param>
    /// <param name="parser">Reads the tool's stdout.</param>
    /// <param name="duration">When to stop the tool, counted from its first output; null: until stopped.</param>
    /// <param name="startTimeout">How long the tool may take to print anything.</param>
    /// <param name="arrivals">The clock <paramref name="parser"/> dates lines by, told when each read of stdout returns.</param>
    public TracingRun(ToolInvocation tool, IRecordParser<TRecord> parser, TimeSpan? duration, TimeSpan startTimeout, ReadArrivalClock? arrivals = null)
    {
        // Through sudo, the guard gives the tool its signal dispositions, and the stdin pipe stands for the parent-death signal.
        string? unprotected = null;
        _invocation = tool.ThroughSudo ? tool : ParentDeathSignal.Apply(DefaultInterrupt.Apply(tool), out unprotected);
        Unprotected = unprotected;
        _parser = parser;
        _arrivals = arrivals;
        _duration = duration;
        _startTimeout = startTimeout;
        Window = TimedEvents && duration is not null ? new WindowEnd() : null;
        _output = new ToolOutput<TRecord>(parser, Window, OnFirstLine, RequestStop);
        _windowTimer = new Timer(_ => OnWindowTimer());
        _graceTimer = new Timer(_ => OnGraceExpired());
        _graceful.Token.Register(() =>
        {
            HeldBackAtStop = _output.Blocked;
            _graceTimer.Change(GracePeriod, Timeout.InfiniteTimeSpan);
        });
    }

    /// <summary>
    /// Batches of records (List&lt;TRecord&gt;) and <see cref="RunMessage"/>s, in order; completed when the process
    /// has exited and its output is read.
    /// </summary>
    public HandOverQueue Queue => _output.Queue;

    /// <summary>Exactly what is started, for -Verbose.</summary>
    public ToolInvocation Invocation => _invocation;

    /// <summary>Why the tool would survive PowerShell being killed (no parent-death signal), or null.</summary>
    public string? Unprotected { get; }

    /// <summary>The process's id once started, for -Verbose and tests.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>What the parser counted.</summary>
    public ParseStats Stats => _parser.Stats;

    /// <summary>Lost events reported by the tool, on stderr or in its output.</summary>
    public long LostEvents => _output.LostEvents;

    /// <summary>How many times bpftrace said it could not look up a stack ("failed to look up stack id").</summary>
    public long StackLookupFailures => _output.StackLookupFailures;

    /// <summary>
    /// The queue was full, so the tool was being held back, when it was asked to stop: it exits without reading
    /// what is still in the kernel's buffer, and nothing counts those events.
    /// </summary>
    public bool HeldBackAtStop { get; private set; }

    /// <summary>For a run of timed events with a -Duration: how its window ended and what was read after it.</summary>
    public WindowEnd? Window { get; }

    /// <summary>How long the tool traced: from its first output until it exited (or until now).</summary>
    public TimeSpan TracedFor => Interlocked.Read(ref _readyTicks) is var ready and > 0
        ? TimeSpan.FromMilliseconds((Interlocked.Read(ref _exitTicks) is var exit and > 0 ? exit : Environment.TickCount64) - ready)
        : TimeSpan.Zero;

    /// <summary>The tool did not exit within the grace period after SIGINT and was killed.</summary>
    public bool KilledAfterGrace { get; private set; }

    /// <summary>Its state then (/proc/PID/stat): T when it was stopped (SIGSTOP), so could not answer.</summary>
    public char? StateWhenKilled { get; private set; }

    /// <summary>The last lines the tool wrote on stderr.</summary>
    public IReadOnlyList<string> StderrTail => _output.StderrTail;

    /// <summary>Ends when the process is gone and the queue is complete.</summary>
    public Task<RunOutcome> Completion => _completion ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts the tool from a thread of its own, which lives exactly as long as the tool.</summary>
    /// <remarks>
    /// The parent-death signal fires when the thread that forked the tool exits. CliWrap forks inside the
    /// ExecuteAsync call, on the calling thread: from a thread-pool thread, the pool retiring that thread once it
    /// idles would kill the tool mid-run. This thread forks, then blocks until the tool is reaped.
    /// </remarks>
    public void Start()
    {
        var completion = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _completion = completion.Task;
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(RunAsync().GetAwaiter().GetResult());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            // Not one that keeps the process alive; if the process ends anyway, the tool goes with it.
            IsBackground = true,
            Name = "BpfTools tool",
        };
        thread.Start();
    }

    /// <summary>Asks the tool to stop (SIGINT); it is killed if still running after the grace period.</summary>
    public void RequestStop()
    {
        try
        {
            _graceful.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
    }

    /// <summary>Stops the tool and waits until it is reaped.</summary>
    public void Dispose()
    {
        RequestStop();
        _output.Abandon();
        try
        {
            _completion?.Wait(GracePeriod + TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The outcome was already reported, or nobody is left to report it to.
        }
        _windowTimer.Dispose();
        _graceTimer.Dispose();
        _graceful.Dispose();
        _forceful.Dispose();
        _output.Dispose();
    }

    private async Task<RunOutcome> RunAsync()
    {
        using var startTimer = new Timer(_ => OnStartTimeout(), null, _startTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            var command = Cli.Wrap(_invocation.FileName)
                .WithArguments(_invocation.Arguments)
                .WithEnvironmentVariables(_invocation.Environment)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.Create((stream, _) => LineReader.ReadOnOwnThread(stream, _output.OnStdout, _output.Deliver, _output.OnCutLine, _arrivals is null ? null : _arrivals.MarkRead)))
                .WithStandardErrorPipe(PipeTarget.Create((stream, _) => LineReader.ReadOnOwnThread(stream, LineReader.AsStrings(_output.OnStderr), null, _output.OnStderr)));
            if (_invocation.ThroughSudo)
            {
                // From "/": the user's current folder may be one the process cannot start a child in (another
                // user's, or a 700 folder left by su), and the root tool has no use for it.
                command = command.WithStandardInputPipe(PipeSource.Create(HoldUntilStopAsync)).WithWorkingDirectory("/");
            }
            // Through sudo, CliWrap's forceful stop would SIGKILL sudo's whole tree, which this user may not signal (the
            // guard and the tool run as root): .NET throws on the first refusal, from a timer thread. OnGraceExpired
            // kills sudo alone instead; the guard, its stdin closed, stops the tool itself.
            var task = command.ExecuteAsync(_invocation.ThroughSudo ? CancellationToken.None : _forceful.Token, _graceful.Token);
            ProcessId = task.ProcessId;
            var result = await task.ConfigureAwait(false);
            return Outcome(result.ExitCode);
        }
        catch (OperationCanceledException) when (_graceful.IsCancellationRequested || _forceful.IsCancellationRequested)
        {
            return Outcome(null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new RunOutcome(false, null, e.Message, false);
        }
        finally
        {
            Interlocked.Exchange(ref _exitTicks, Environment.TickCount64);
            _output.Complete();
        }
    }

    private RunOutcome Outcome(int? exitCode) => new(_ready, exitCode, null, _timedOut);

    private void OnStartTimeout()
    {
        if (!_ready)
        {
            _timedOut = true;
            RequestStop();
        }
    }

    /// <summary>The tool printed its first line: it traces, and -Duration counts from now.</summary>
    private void OnFirstLine()
    {
        _ready = true;
        Interlocked.Exchange(ref _readyTicks, Environment.TickCount64);
        if (_duration is { } duration)
        {
            Window?.Open(duration);
            _windowTimer.Change(duration, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>-Duration is up: stops a summary tool now, and reads an event tool on until its buffer is drained.</summary>
    private void OnWindowTimer()
    {
        if (Window is null)
        {
            RequestStop();
            return;
        }
        Window.CloseIfDue();
        if (Window.ClosedAt is not null && Window.ShouldStop(_output.Blocked))
        {
            RequestStop();
            return;
        }
        try
        {
            _windowTimer.Change(TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The run is over.
        }
    }

    /// <summary>SIGINT was not enough: notes whether the tool was stopped (it cannot answer then), and kills it.</summary>
    private void OnGraceExpired()
    {
        KilledAfterGrace = true;
        StateWhenKilled = ProcessState.Of(ProcessId);
        if (_invocation.ThroughSudo)
        {
            KillSudoAlone();
            return;
        }
        try
        {
            _forceful.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
    }
}
