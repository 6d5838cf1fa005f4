using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// Histograms of one-second ticks summed into windows that start on wall-clock multiples of their size (10 s
/// windows at :00, :10, :20...), so that on every host the window of 12:00:10 covers the same time and
/// `Group-Object Start | ForEach-Object { $_.Group | Merge-BpfHistogram }` gives one fleet histogram a window.
/// </summary>
/// <remarks>
/// The tools count intervals from their own start, which no two hosts share; BpfTools has them print every second
/// and sums the seconds. A tick goes to the window its middle falls in, so window edges are exact to half a second.
/// The window the tool started in is partial and dropped; the run goes on until as many whole windows as -Duration
/// holds are complete, so every window written is whole (the run lasts up to one window longer than -Duration).
/// </remarks>
internal sealed class ClockWindows : RecordStage<BpfHistogram>
{
    private readonly long _size;
    private readonly TimeSpan _duration;
    private readonly SortedDictionary<long, List<BpfHistogram>> _pending = [];
    private long _first = -1;
    private long _end = -1;
    private DateTime _started;
    private int _written;

    /// <summary>Windows of <paramref name="size"/>, for a run of at least <paramref name="duration"/>.</summary>
    public ClockWindows(TimeSpan size, TimeSpan duration)
    {
        _size = size.Ticks;
        _duration = duration;
    }

    /// <inheritdoc/>
    public override bool Done { get; private protected set; }

    /// <inheritdoc/>
    public override IEnumerable<BpfHistogram> Take(BpfHistogram tick)
    {
        if (_first < 0)
        {
            _started = tick.Start;
            // The first whole window starts at or after the moment the tool started (half a second's grace).
            var started = tick.Start.ToUniversalTime().Ticks - TimeSpan.TicksPerSecond / 2;
            _first = Ceiling(started);
            // As many windows as -Duration holds (-Duration 30 -Interval 10: three), from the first whole one.
            _end = _first + Math.Max(1, (_duration.Ticks + _size - 1) / _size);
        }
        var middle = tick.Start.ToUniversalTime().Ticks + ((tick.End.ToUniversalTime().Ticks - tick.Start.ToUniversalTime().Ticks) / 2);
        var window = middle / _size;
        if (window < _first)
        {
            return [];
        }
        if (window >= _end)
        {
            Done = true;
            return Flush(_end);
        }
        if (!_pending.TryGetValue(window, out var ticks))
        {
            _pending[window] = ticks = [];
        }
        ticks.Add(tick);
        // A tick of a later window completes the earlier ones.
        return Flush(window);
    }

    /// <inheritdoc/>
    public override IEnumerable<BpfHistogram> Finish() => Done ? Flush(_end) : [];

    /// <inheritdoc/>
    public override string? Summary => _first < 0 ? null :
        $"windows of {TimeSpan.FromTicks(_size).TotalSeconds} s on the clock, from {Start(_first):HH:mm:ss}: {_written} histograms; " +
        $"the {Math.Max(0, (Start(_first) - _started).TotalSeconds):0.#} s before the first whole window dropped" +
        (Done ? "." : "; the run ended before its last window was whole, which was dropped.");

    /// <summary>The windows before <paramref name="before"/>, each key's ticks summed.</summary>
    private List<BpfHistogram> Flush(long before)
    {
        var done = new List<BpfHistogram>();
        foreach (var window in _pending.Keys.Where(w => w < before).ToList())
        {
            foreach (var key in _pending[window].GroupBy(h => (h.KeyKind, h.Key)))
            {
                // The ticks of one key of one run share their tool, unit and bucket layout: they always merge.
                var sum = HistogramMerge.Merge([.. key], out _);
                done.Add(BpfHistogram.Create(sum.Tool, sum.KeyKind, sum.Key, sum.Unit, Start(window), Start(window + 1),
                    sum.Buckets.Select(b => (b.Low, b.High, b.Count))));
            }
            _pending.Remove(window);
        }
        _written += done.Count;
        return done;
    }

    private long Ceiling(long utcTicks) => (utcTicks + _size - 1) / _size;

    private DateTime Start(long window) => new DateTime(window * _size, DateTimeKind.Utc).ToLocalTime();
}
