using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Runner;

/// <summary>
/// What a tool prints, on its way to the pipeline thread: stdout parsed into records, handed over in batches with
/// the messages (unparsable lines, lost events, stderr for -Verbose) in order, on a bounded queue.
/// </summary>
/// <remarks>
/// Records travel in batches (what one read of the pipe held, at most <see cref="BatchSize"/>), so the reading
/// and pipeline threads synchronise once per read, not once per record. The queue is bounded: when PowerShell
/// consumes more slowly than the tool produces, reading stops, the pipe fills, the tool blocks, and the kernel's
/// buffer overflows, which the tool reports as lost events, which are counted and reported. Nothing is dropped
/// silently. Stdout and stderr are read on threads of their own; each handler here runs on one of them.
/// </remarks>
internal sealed class ToolOutput<TRecord> : IDisposable where TRecord : class
{
    /// <summary>How many of bpftrace's stack lookup failures go to -Verbose; the rest are only counted.</summary>
    private const int ShownStackLookupFailures = 3;

    /// <summary>The most records handed to the pipeline thread at once.</summary>
    internal const int BatchSize = 512;

    /// <summary>How many batches and messages may wait for the pipeline thread: at most 16K records.</summary>
    internal const int QueueCapacity = 32;

    private readonly IRecordParser<TRecord> _parser;
    private readonly WindowEnd? _window;
    private readonly Action _onFirstLine;
    private readonly Action _stop;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Queue<string> _stderrTail = new();
    private readonly LostEventReport _lost = new();
    private List<TRecord> _parsed = [];
    private bool _started;
    private long _parserLostCounted;
    private long _stackLookupFailures;
    private volatile bool _postBlocked;

    /// <summary>Reads with <paramref name="parser"/>; calls <paramref name="onFirstLine"/> on the first line and <paramref name="stop"/> to end the run.</summary>
    public ToolOutput(IRecordParser<TRecord> parser, WindowEnd? window, Action onFirstLine, Action stop)
    {
        _parser = parser;
        _window = window;
        _onFirstLine = onFirstLine;
        _stop = stop;
    }

    /// <summary>
    /// Batches of records (List&lt;TRecord&gt;) and <see cref="RunMessage"/>s, in order; completed by <see cref="Complete"/>
    /// once the process has exited and its output is read.
    /// </summary>
    public HandOverQueue Queue { get; } = new(QueueCapacity);

    /// <summary>The pipeline thread is behind: the queue is full and the reading thread waits for room.</summary>
    public bool Blocked => _postBlocked;

    /// <summary>Lost events reported by the tool, on stderr or in its output.</summary>
    public long LostEvents => _lost.Total;

    /// <summary>How many times bpftrace said it could not look up a stack ("failed to look up stack id").</summary>
    public long StackLookupFailures => Interlocked.Read(ref _stackLookupFailures);

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

    /// <summary>One line of stdout, in the reader's buffer (see <see cref="LineHandler"/>).</summary>
    public void OnStdout(ReadOnlySpan<char> line)
    {
        _window?.Output();
        var before = _parsed.Count;
        var kind = _parser.Parse(line, _parsed);
        if (!_started)
        {
            // Any output means the probes are attached: the header and the attach notice come first.
            _started = true;
            _onFirstLine();
        }
        DropAfterWindow(before);
        switch (kind)
        {
            case LineKind.Unparsable:
                Deliver();
                Post(new RunMessage(RunMessageKind.Unparsable, line.ToString()));
                break;
            case LineKind.Lost:
                Deliver();
                // Only this thread reads the parser's count: what it added since the last notice.
                OnLost(_parser.Stats.LostEvents - _parserLostCounted);
                _parserLostCounted = _parser.Stats.LostEvents;
                break;
            default:
                if (_parsed.Count >= BatchSize)
                {
                    Deliver();
                }
                break;
        }
    }

    /// <summary>The tool's output ended in the middle of a line: unparsable, however whole it looks.</summary>
    public void OnCutLine(string line)
    {
        _parser.Stats.CountUnparsed(line);
        Deliver();
        Post(new RunMessage(RunMessageKind.Unparsable, line + " (the output ended in the middle of this line)"));
    }

    /// <summary>One line of stderr: lost events are counted and warned about, the rest goes to -Verbose.</summary>
    public void OnStderr(string line)
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
                OnLost(lost);
                return;
            // A line per stack per interval, thousands in a long run: counted for one warning at the end, the first few shown.
            case StderrKind.StackLookupFailure when Interlocked.Increment(ref _stackLookupFailures) > ShownStackLookupFailures:
                return;
        }
        Post(new RunMessage(RunMessageKind.Verbose, line));
    }

    /// <summary>Hands the records parsed so far to the pipeline thread as one batch.</summary>
    public void Deliver()
    {
        var count = _parsed.Count;
        if (count == 0)
        {
            return;
        }
        Post(_parsed);
        // The next read likely holds about as many records: sized for them, the list does not grow (copying, and
        // leaving arrays behind for the collector) on the way to a full batch.
        _parsed = new List<TRecord>(count);
    }

    /// <summary>The tool has exited and its output is read: the last records and reports, then the queue is complete.</summary>
    public void Complete()
    {
        var before = _parsed.Count;
        _parser.Flush(_parsed);
        DropAfterWindow(before);
        Deliver();
        if (_lost.Rest() is { } lost)
        {
            Post(new RunMessage(RunMessageKind.LostEvents, lost));
        }
        Queue.CompleteAdding();
    }

    /// <summary>Nobody will take from the queue any more (the pipeline stopped): the reading threads must not wait for room.</summary>
    public void Abandon() => _abandon.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        _abandon.Dispose();
    }

    /// <summary>After the window: drops, counted, the records just parsed whose events came after it.</summary>
    private void DropAfterWindow(int from)
    {
        if (_window?.ClosedAt is null)
        {
            return;
        }
        var resolution = _parser.TimeResolution;
        for (var i = _parsed.Count - 1; i >= from; i--)
        {
            if (_window.DropIfAfter(((ITimedEvent)_parsed[i]).Timestamp, resolution))
            {
                _parsed.RemoveAt(i);
                _stop();
            }
        }
    }

    /// <summary>Counts events the kernel lost; warns at most once a second.</summary>
    private void OnLost(long count)
    {
        if (_lost.Add(count) is { } warning)
        {
            Post(new RunMessage(RunMessageKind.LostEvents, warning));
        }
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
                _window?.Resumed();
                _postBlocked = false;
            }
        }
        catch (OperationCanceledException)
        {
            // The consumer has gone (pipeline stopped): nothing is left to deliver to.
        }
        catch (InvalidOperationException)
        {
            // The run has ended and its queue is complete: nothing is left to deliver to either.
        }
    }
}
