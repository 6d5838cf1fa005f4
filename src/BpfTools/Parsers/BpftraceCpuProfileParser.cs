using System.Globalization;
using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads profile.bt's output: ["start", nsecs] opens the sampling window; every second {"type": "map"} records of
/// @stacks, @user and @kernel (numbered 0 or 1, the set that was being filled) hold a count per stack, and an
/// ["interval", nsecs] tuple follows them; END prints the last maps and ["end", nsecs]. The counts are added up
/// over the whole run into one sample per distinct (process, pid, kernel stack, user stack), written at the end.
/// bpftrace joins a map key's parts with ',' and prints a stack as "\n" then one "    frame\n" per frame, leaf
/// first, so a key reads "comm,pid,\n    kframe\n,\n    uframe\n" (an empty stack is nothing at all).
/// </summary>
/// <remarks>
/// Within one interval a map printed twice is counted once: when bpftrace is stopped while it prints an interval,
/// it skips that interval's clear() and END prints the same counts again.
/// </remarks>
internal sealed class BpftraceCpuProfileParser : BpftraceTupleParser<CpuStackSample>
{
    private const string FramePrefix = "    ";
    private readonly TraceClock _clock;
    // The run's counts so far, one entry per distinct stack, and the maps of the interval being read, by name.
    private readonly Dictionary<string, Stack> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Stack>> _interval = new(StringComparer.Ordinal);
    private DateTime _start;
    private DateTime _end;
    private bool _ended;
    private int _intervals;
    private int _cutIntervals;
    private long _unparsedBefore;

    /// <summary>Creates a parser.</summary>
    public BpftraceCpuProfileParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _end = _clock.Now;
    }

    /// <inheritdoc/>
    protected override void OnAttached() => _start = _end = _clock.Now;

    /// <inheritdoc/>
    public override void Flush(List<CpuStackSample> output)
    {
        if (_interval.Count > 0 || Stats.Unparsed > _unparsedBefore)
        {
            EndInterval();
        }
        if (_cutIntervals > 0)
        {
            Stats.Warn($"The samples of {_cutIntervals} of {_intervals} intervals could not be read whole: a map in " +
                "bpftrace's output was cut off or malformed (counted as unparsable output).");
        }
        if (!_ended)
        {
            Stats.Warn($"bpftrace's output stopped before the end of sampling, after {_intervals} intervals: " +
                "the samples it took after that are missing.");
        }
        foreach (var s in _totals.Values)
        {
            output.Add(CpuStackSample.Create(s.Process, s.ProcessId, s.Count, s.Kernel, s.User, _start, _end));
            Stats.CountRecord();
        }
        _totals.Clear();
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<CpuStackSample> output)
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
    protected override LineKind ReadHistogram(JsonElement maps, List<CpuStackSample> output)
    {
        var kind = LineKind.Ignored;
        foreach (var map in maps.EnumerateObject())
        {
            if (map.Value.ValueKind != JsonValueKind.Object)
            {
                return LineKind.Unparsable;
            }
            var samples = new List<Stack>();
            foreach (var entry in map.Value.EnumerateObject())
            {
                if (Read(map.Name.TrimEnd('0', '1'), entry.Name, entry.Value.GetInt64()) is not { } stack)
                {
                    kind = LineKind.Unparsable;
                    continue;
                }
                samples.Add(stack);
            }
            _interval[map.Name] = samples;
            if (kind != LineKind.Unparsable && samples.Count > 0)
            {
                kind = LineKind.Pending;
            }
        }
        return kind;
    }

    /// <summary>Adds the interval's maps to the totals.</summary>
    private void EndInterval()
    {
        foreach (var stack in _interval.Values.SelectMany(stacks => stacks))
        {
            if (_totals.TryGetValue(stack.Key, out var total))
            {
                total.Count += stack.Count;
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

    /// <summary>Reads one key of @stacks (kernel and user), @user or @kernel; null when it is not of that shape.</summary>
    private static Stack? Read(string map, string key, long count)
    {
        var lines = key.Split('\n');
        // The first line is "comm,pid," and, in @stacks when the kernel stack is empty, one more ",".
        var head = lines[0];
        var both = map == "@stacks";
        var kernelEmpty = both && head.EndsWith(",,", StringComparison.Ordinal) && lines.Skip(1).All(l => l.StartsWith(FramePrefix, StringComparison.Ordinal) || l.Length == 0);
        var idEnd = head.Length - (kernelEmpty ? 2 : 1);
        if (idEnd <= 0 || head[idEnd] != ',')
        {
            return null;
        }
        var comma = head.LastIndexOf(',', idEnd - 1);
        if (comma < 0 || !int.TryParse(head.AsSpan(comma + 1, idEnd - comma - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        var first = new List<string>();
        var second = new List<string>();
        var current = first;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith(FramePrefix, StringComparison.Ordinal))
            {
                current.Add(line[FramePrefix.Length..]);
            }
            else if (line == "," && both && current == first)
            {
                current = second;
            }
            else if (line.Length != 0)
            {
                return null;
            }
        }
        var (kernel, user) = map switch
        {
            "@stacks" when kernelEmpty => (new List<string>(), first),
            "@stacks" => (first, second),
            "@user" => (new List<string>(), first),
            "@kernel" => (first, new List<string>()),
            _ => (null, null),
        };
        return kernel is null || user is null ? null : new Stack(head[..comma], pid, [.. kernel], [.. user]) { Count = count };
    }

    /// <summary>A distinct stack and its samples (in one map, or in the run so far).</summary>
    private sealed record Stack(string Process, int ProcessId, string[] Kernel, string[] User)
    {
        public long Count { get; set; }

        // Frames cannot hold '\n' (bpftrace ends each with one), so it separates the parts.
        public string Key { get; } = string.Join('\n',
            [Process, ProcessId.ToString(CultureInfo.InvariantCulture), .. Kernel, "", .. User]);
    }
}
