using System.Globalization;
using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads profile.bt's output: ["start", nsecs] and ["end", nsecs] tuples bound the sampling window, then one
/// {"type": "map"} record holds @stacks (or @user, or @kernel) with a count per stack. bpftrace joins a map
/// key's parts with ',' and prints a stack as "\n" then one "    frame\n" per frame, leaf first, so a key reads
/// "comm,pid,\n    kframe\n,\n    uframe\n" (an empty stack is nothing at all).
/// </summary>
public sealed class BpftraceProfileParser : BpftraceTupleParser<CpuStackSample>
{
    private const string FramePrefix = "    ";
    private readonly TraceClock _clock;
    private DateTime _start;
    private DateTime _end;

    /// <summary>Creates a parser.</summary>
    public BpftraceProfileParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _end = _clock.Now;
    }

    /// <inheritdoc/>
    protected override void OnAttached() => _start = _end = _clock.Now;

    /// <inheritdoc/>
    public override void Flush(List<CpuStackSample> output)
    {
        // The map is complete in its one record.
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<CpuStackSample> output)
    {
        if (tuple.Is(0, "start"))
        {
            _start = _end = _clock.FromMonotonic(tuple.Int64(1));
            return LineKind.Ignored;
        }
        if (tuple.Is(0, "end"))
        {
            _end = _clock.FromMonotonic(tuple.Int64(1));
            return LineKind.Pending;
        }
        return LineKind.Unparsable;
    }

    /// <summary>Reads the {"type": "map"} record (BpftraceTupleParser hands every printed map here).</summary>
    protected override LineKind ReadHistogram(JsonElement maps, List<CpuStackSample> output)
    {
        var added = false;
        foreach (var map in maps.EnumerateObject())
        {
            if (map.Value.ValueKind != JsonValueKind.Object)
            {
                return LineKind.Unparsable;
            }
            foreach (var entry in map.Value.EnumerateObject())
            {
                if (Sample(map.Name, entry.Name, entry.Value.GetInt64()) is not { } sample)
                {
                    return LineKind.Unparsable;
                }
                output.Add(sample);
                added = true;
            }
        }
        return added ? LineKind.Record : LineKind.Ignored;
    }

    /// <summary>Reads one key of @stacks (kernel and user), @user or @kernel; null when it is not of that shape.</summary>
    private CpuStackSample? Sample(string map, string key, long count)
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
        return kernel is null || user is null ? null
            : CpuStackSample.Create(head[..comma], pid, count, [.. kernel], [.. user], _start, _end);
    }
}
