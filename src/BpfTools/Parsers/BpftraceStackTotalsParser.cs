using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of the bundled programs that total a value per stack in bpftrace maps printed
/// every second (profile.bt, offcputime.bt): ["start", nsecs] opens the window; each second's {"type": "map"}
/// records hold a value per key and an ["interval", nsecs] tuple follows them; END prints the last maps and
/// ["end", nsecs]. The values are added up over the whole run into one record per distinct key, written at the end.
/// </summary>
/// <remarks>
/// Within one interval a map printed twice is counted once: when bpftrace is stopped while it prints an interval,
/// it skips that interval's clear() and END prints the same totals again.
/// </remarks>
/// <typeparam name="TRecord">The record made of each distinct stack's total.</typeparam>
/// <typeparam name="TStack">One key of a map, read: <see cref="StackTotal.Key"/> says which keys are the same stack.</typeparam>
internal abstract class BpftraceStackTotalsParser<TRecord, TStack> : BpftraceTupleParser<TRecord>
    where TRecord : class
    where TStack : StackTotal
{
    /// <summary>How bpftrace indents each frame of a printed stack.</summary>
    protected const string FramePrefix = "    ";

    private readonly TraceClock _clock;
    // The run's totals so far, one entry per distinct stack, and the maps of the interval being read, by name.
    private readonly Dictionary<string, TStack> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TStack>> _interval = new(StringComparer.Ordinal);
    private DateTime _start;
    private DateTime _end;
    private bool _ended;
    private int _intervals;
    private int _cutIntervals;
    private long _unparsedBefore;

    /// <summary>Creates a parser.</summary>
    protected BpftraceStackTotalsParser(TraceClock? clock)
    {
        _clock = clock ?? TraceClock.System;
        _start = _end = _clock.Now;
    }

    /// <summary>What the totals count, for the warnings: "samples", "blocked time".</summary>
    protected abstract string Counted { get; }

    /// <summary>What the program does over its window, for the warnings: "sampling", "tracing".</summary>
    protected abstract string Activity { get; }

    /// <summary>Reads one key of a map (its name without the set's 0 or 1); null when it is not of that map's shape.</summary>
    protected abstract TStack? Read(string map, string key, long value);

    /// <summary>The record of one distinct stack's total over the window.</summary>
    protected abstract TRecord Create(TStack total, DateTime start, DateTime end);

    /// <inheritdoc/>
    protected override void OnAttached() => _start = _end = _clock.Now;

    /// <inheritdoc/>
    public override void Flush(List<TRecord> output)
    {
        if (_interval.Count > 0 || Stats.Unparsed > _unparsedBefore)
        {
            EndInterval();
        }
        if (_cutIntervals > 0)
        {
            Stats.Warn($"The {Counted} of {_cutIntervals} of {_intervals} intervals could not be read whole: a map in " +
                "bpftrace's output was cut off or malformed (counted as unparsable output).");
        }
        if (!_ended)
        {
            Stats.Warn($"bpftrace's output stopped before the end of {Activity}, after {_intervals} intervals: " +
                $"the {Counted} it took after that are missing.");
        }
        foreach (var total in _totals.Values)
        {
            output.Add(Create(total, _start, _end));
            Stats.CountRecord();
        }
        _totals.Clear();
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<TRecord> output)
    {
        if (tuple.Is(0, "start"))
        {
            _start = _end = _clock.FromMonotonic(tuple.Int64(1));
            return LineKind.Ignored;
        }
        if (tuple.Is(0, "interval") || tuple.Is(0, "end"))
        {
            var end = tuple.Is(0, "end");
            var time = _clock.FromMonotonic(tuple.Int64(1));
            // Another CPU's interval can come after END's "end": the window still ends at "end".
            if (end || !_ended)
            {
                _end = time;
            }
            _ended |= end;
            EndInterval();
            return LineKind.Pending;
        }
        return LineKind.Unparsable;
    }

    /// <summary>Reads a {"type": "map"} record (BpftraceTupleParser hands every printed map here).</summary>
    protected override LineKind ReadMaps(ref Utf8JsonReader reader, BpftraceMapRecord maps, List<TRecord> output)
    {
        var kind = LineKind.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Unparsable;
            }
            var stacks = new List<TStack>();
            var map = name.TrimEnd('0', '1');
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (Read(map, key, reader.GetInt64()) is not { } stack)
                {
                    kind = LineKind.Unparsable;
                    continue;
                }
                stacks.Add(stack);
            }
            _interval[name] = stacks;
            if (kind != LineKind.Unparsable && stacks.Count > 0)
            {
                kind = LineKind.Pending;
            }
        }
        return kind;
    }

    /// <summary>
    /// Splits the frame lines of a key ("\n    frame\n" per frame, leaf first) at the line "," that separates
    /// two stacks; null when a line is neither.
    /// </summary>
    protected static (List<string> First, List<string> Second)? Frames(IEnumerable<string> lines, bool two)
    {
        var first = new List<string>();
        var second = new List<string>();
        var current = first;
        foreach (var line in lines)
        {
            if (line.StartsWith(FramePrefix, StringComparison.Ordinal))
            {
                current.Add(line[FramePrefix.Length..]);
            }
            else if (line == "," && two && current == first)
            {
                current = second;
            }
            else if (line.Length != 0)
            {
                return null;
            }
        }
        return (first, second);
    }

    /// <summary>Adds the interval's maps to the totals.</summary>
    private void EndInterval()
    {
        foreach (var stack in _interval.Values.SelectMany(stacks => stacks))
        {
            if (_totals.TryGetValue(stack.Key, out var total))
            {
                total.Value += stack.Value;
            }
            else
            {
                _totals.Add(stack.Key, stack);
            }
        }
        _interval.Clear();
        _intervals++;
        if (Stats.Unparsed > _unparsedBefore)
        {
            _cutIntervals++;
            _unparsedBefore = Stats.Unparsed;
        }
    }
}

/// <summary>A distinct stack and its total (in one map, or in the run so far).</summary>
/// <param name="Key">What makes it distinct: its parts joined by '\n', which no frame holds (bpftrace ends each with one).</param>
internal abstract record StackTotal(string Key)
{
    /// <summary>The samples or microseconds counted so far.</summary>
    public long Value { get; set; }
}
