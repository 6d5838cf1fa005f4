namespace BpfTools.Runner;

/// <summary>
/// The end of a run's -Duration window, for a tool of timed events. The tool is not stopped the moment the window
/// closes: stopped, it exits without reading what its kernel buffer still holds, events of the window that nothing
/// would count. It is read on until its buffer has drained past the window: until an event stamped after the window
/// arrives, or its output goes quiet (nothing for <see cref="QuietTime"/> while the pipeline was not holding it
/// back), and at most for <see cref="LongestDrain"/>. Events stamped after the window are dropped and counted.
/// </summary>
/// <remarks>Called from the thread reading the tool's output and from a timer: the state is read and written atomically.</remarks>
internal sealed class WindowEnd
{
    /// <summary>Output quiet this long: the tool has printed all it had (libbpf-tools poll their buffers every 100 ms).</summary>
    public static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest the tool is read on after the window, so a flood that never pauses cannot hold the run.</summary>
    public static readonly TimeSpan LongestDrain = TimeSpan.FromSeconds(10);

    private readonly Func<long> _milliseconds;
    private long _lastOutputTicks;
    private long _deadline = long.MaxValue;
    private long _closedTicks;
    private long _closedAt;
    private long _droppedAfter;
    private volatile string? _stopReason;

    /// <summary>A window not yet closed.</summary>
    /// <param name="milliseconds">The clock, in milliseconds: Environment.TickCount64 unless a test gives its own.</param>
    public WindowEnd(Func<long>? milliseconds = null)
    {
        _milliseconds = milliseconds ?? (() => Environment.TickCount64);
        _lastOutputTicks = _milliseconds();
    }

    /// <summary>When the window closed (local time), or null while it is open.</summary>
    public DateTime? ClosedAt => Interlocked.Read(ref _closedAt) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Local) : null;

    /// <summary>Events stamped after the window, dropped.</summary>
    public long DroppedAfter => Interlocked.Read(ref _droppedAfter);

    /// <summary>Why reading stopped: "an event stamped after it arrived", "the tool's output went quiet"...; null until then.</summary>
    public string? StopReason => _stopReason;

    /// <summary>How long the tool was read after the window closed, once stopped.</summary>
    public TimeSpan Drained { get; private set; }

    /// <summary>The tool traces from now: the window closes after <paramref name="duration"/>.</summary>
    public void Open(TimeSpan duration) => Interlocked.Exchange(ref _deadline, _milliseconds() + (long)duration.TotalMilliseconds);

    /// <summary>
    /// The tool printed a line: it is not quiet. A line that arrives once the window is due closes it, so the end
    /// is exact while output flows, whatever delays the timer that closes it when the tool is silent.
    /// </summary>
    public void Output()
    {
        var now = _milliseconds();
        Interlocked.Exchange(ref _lastOutputTicks, now);
        if (now >= Interlocked.Read(ref _deadline))
        {
            CloseIfOpen(now);
        }
    }

    /// <summary>
    /// The reading thread waited for room on the queue until now: a wait the pipeline imposed, not the tool going
    /// quiet. Called before the reader stops counting as held back, so the quiet check never sees it free with the
    /// time of its last line from before the wait (that ended a run early, unread lines left in the pipe).
    /// </summary>
    public void Resumed() => Interlocked.Exchange(ref _lastOutputTicks, _milliseconds());

    /// <summary>Closes the window if it is due (the timer's call).</summary>
    public void CloseIfDue()
    {
        var now = _milliseconds();
        if (now >= Interlocked.Read(ref _deadline))
        {
            CloseIfOpen(now);
        }
    }

    /// <summary>The window closes now, whatever its deadline.</summary>
    public void Close(DateTime now)
    {
        Interlocked.Exchange(ref _closedTicks, _milliseconds());
        Interlocked.Exchange(ref _closedAt, now.Ticks);
    }

    private void CloseIfOpen(long now)
    {
        if (Interlocked.CompareExchange(ref _closedTicks, now, 0) == 0)
        {
            Interlocked.Exchange(ref _closedAt, DateTime.Now.Ticks);
        }
    }

    /// <summary>
    /// True, and counted, when an event stamped <paramref name="timestamp"/> in a format of <paramref name="resolution"/>
    /// certainly happened after the window: its printed time, the earliest it can have happened, is past the end.
    /// </summary>
    public bool DropIfAfter(DateTime timestamp, TimeSpan resolution)
    {
        if (ClosedAt is not { } end)
        {
            return false;
        }
        var earliest = resolution > TimeSpan.Zero ? new DateTime(timestamp.Ticks - (timestamp.Ticks % resolution.Ticks), timestamp.Kind) : timestamp;
        if (earliest < end)
        {
            return false;
        }
        Interlocked.Increment(ref _droppedAfter);
        Stop("an event stamped after it arrived");
        return true;
    }

    /// <summary>Whether to stop the tool now, on the timer: its output quiet, or the drain too long. Records why.</summary>
    public bool ShouldStop(bool heldBack)
    {
        if (_stopReason is not null)
        {
            return true;
        }
        var now = _milliseconds();
        if (!heldBack && now - Interlocked.Read(ref _lastOutputTicks) >= QuietTime.TotalMilliseconds)
        {
            Stop("the tool's output went quiet");
        }
        else if (now - Interlocked.Read(ref _closedTicks) >= LongestDrain.TotalMilliseconds)
        {
            Stop($"the {LongestDrain.TotalSeconds:0} s limit on reading after the window");
        }
        return _stopReason is not null;
    }

    private void Stop(string reason)
    {
        if (_stopReason is null)
        {
            Drained = TimeSpan.FromMilliseconds(_milliseconds() - Interlocked.Read(ref _closedTicks));
            _stopReason = reason;
        }
    }
}
