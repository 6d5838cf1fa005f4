using System.Collections.Concurrent;
using BpfTools.Parsers;
using CliWrap;

namespace BpfTools.Runner;

/// <summary>
/// One run of one tool process: starts it, parses its stdout into records on a background thread and
/// queues them (with stderr context) for the pipeline thread; stops it gracefully with SIGINT, kills it
/// after a grace period, and always waits for it to be reaped.
/// </summary>
/// <remarks>
/// Records travel in batches (what one read of the pipe held, at most <see cref="BatchSize"/>), so the reading
/// and pipeline threads synchronise once per read, not once per record. The queue is bounded: when PowerShell
/// consumes more slowly than the tool produces, reading stops, the pipe fills, the tool blocks, and the kernel's
/// buffer overflows, which the tool reports as lost events, which are counted and reported. Nothing is dropped
/// silently.
/// </remarks>
internal sealed class TracingRun<TRecord> : IDisposable where TRecord : class
{
    /// <summary>The most records handed to the pipeline thread at once.</summary>
    internal const int BatchSize = 512;

    /// <summary>How many batches and messages may wait for the pipeline thread: at most 16K records.</summary>
    internal const int QueueCapacity = 32;

    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private const int ShownStackLookupFailures = 3;

    private readonly ToolInvocation _invocation;
    private readonly IRecordParser<TRecord> _parser;
    private readonly TimeSpan? _duration;
    private readonly TimeSpan _startTimeout;
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly CancellationTokenSource _abandon = new();
    private List<TRecord> _parsed = [];
    private readonly Queue<string> _stderrTail = new();
    private Task<RunOutcome>? _completion;
    private volatile bool _ready;
    private volatile bool _timedOut;
    private long _stderrLost;
    private long _stackLookupFailures;
    private volatile bool _postBlocked;

    public TracingRun(ToolInvocation invocation, IRecordParser<TRecord> parser, TimeSpan? duration, TimeSpan startTimeout)
    {
        _invocation = invocation;
        _parser = parser;
        _duration = duration;
        _startTimeout = startTimeout;
        _graceful.Token.Register(() =>
        {
            HeldBackAtStop = _postBlocked;
            _forceful.CancelAfter(GracePeriod);
        });
    }

    /// <summary>
    /// Batches of records (List&lt;TRecord&gt;) and <see cref="RunMessage"/>s, in order; completed when the process
    /// has exited and its output is read.
    /// </summary>
    public BlockingCollection<object> Queue { get; } = new(QueueCapacity);

    /// <summary>The process's id once started, for -Verbose and tests.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>What the parser counted.</summary>
    public ParseStats Stats => _parser.Stats;

    /// <summary>Lost events reported by the tool on stderr plus those in its output.</summary>
    public long LostEvents => Interlocked.Read(ref _stderrLost) + _parser.Stats.LostEvents;

    /// <summary>How many times bpftrace said it could not look up a stack ("failed to look up stack id").</summary>
    public long StackLookupFailures => Interlocked.Read(ref _stackLookupFailures);

    /// <summary>
    /// The queue was full, so the tool was being held back, when it was asked to stop: it exits without reading
    /// what is still in the kernel's buffer, and nothing counts those events.
    /// </summary>
    public bool HeldBackAtStop { get; private set; }

    /// <summary>The last lines the tool wrote on stderr.</summary>
    public IReadOnlyList<string> StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return [.. _stderrTail];
            }
        }
    }

    /// <summary>Ends when the process is gone and the queue is complete.</summary>
    public Task<RunOutcome> Completion => _completion ?? throw new InvalidOperationException("Not started.");

    public void Start() => _completion = Task.Run(RunAsync);

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
        _abandon.Cancel();
        try
        {
            _completion?.Wait(GracePeriod + TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The outcome was already reported, or nobody is left to report it to.
        }
        _graceful.Dispose();
        _forceful.Dispose();
        _abandon.Dispose();
        Queue.Dispose();
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
                .WithStandardOutputPipe(PipeTarget.Create((stream, _) => LineReader.ReadOnOwnThread(stream, OnStdout, Deliver)))
                .WithStandardErrorPipe(PipeTarget.Create((stream, _) => LineReader.ReadOnOwnThread(stream, OnStderr, null)));
            var task = command.ExecuteAsync(_forceful.Token, _graceful.Token);
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
            _parser.Flush(_parsed);
            Deliver();
            Queue.CompleteAdding();
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

    private void OnStdout(string line)
    {
        var kind = _parser.Parse(line, _parsed);
        if (!_ready)
        {
            // Any output means the probes are attached: the header and the attach notice come first.
            _ready = true;
            if (_duration is { } duration)
            {
                _graceful.CancelAfter(duration);
            }
        }
        switch (kind)
        {
            case LineKind.Unparsable:
                Deliver();
                Post(new RunMessage(RunMessageKind.Unparsable, line));
                break;
            case LineKind.Lost:
                Deliver();
                Post(new RunMessage(RunMessageKind.LostEvents, $"The kernel lost events; {_parser.Stats.LostEvents} so far."));
                break;
            default:
                if (_parsed.Count >= BatchSize)
                {
                    Deliver();
                }
                break;
        }
    }

    private void OnStderr(string line)
    {
        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line);
            if (_stderrTail.Count > 20)
            {
                _stderrTail.Dequeue();
            }
        }
        switch (StderrClassifier.Classify(line, out var lost))
        {
            case StderrKind.LostEvents:
                Interlocked.Add(ref _stderrLost, lost);
                Post(new RunMessage(RunMessageKind.LostEvents, line));
                return;
            // A line per stack per interval, thousands in a long run: counted for one warning at the end, the first few shown.
            case StderrKind.StackLookupFailure when Interlocked.Increment(ref _stackLookupFailures) > ShownStackLookupFailures:
                return;
        }
        Post(new RunMessage(RunMessageKind.Verbose, line));
    }

    /// <summary>Hands the records parsed so far to the pipeline thread as one batch.</summary>
    private void Deliver()
    {
        if (_parsed.Count == 0)
        {
            return;
        }
        Post(_parsed);
        _parsed = [];
    }

    private void Post(object item)
    {
        try
        {
            if (Queue.TryAdd(item))
            {
                return;
            }
            _postBlocked = true;
            try
            {
                Queue.Add(item, _abandon.Token);
            }
            finally
            {
                _postBlocked = false;
            }
        }
        catch (OperationCanceledException)
        {
            // The consumer has gone (pipeline stopped): nothing is left to deliver to.
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Same, after teardown.
        }
    }
}
