using System.Globalization;
using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads syscount.bt's output: ["start", nsecs] opens the first window; each window's maps (@failed, @count, @ns
/// keyed by syscall number or process id, @comm by process id) come before an ["interval", nsecs] tuple, the last
/// ones before ["end", nsecs]. Each tuple closes a window: its rows are written then, the top ones only, sorted as
/// syscount sorts them (by time with -Latency, else by count).
/// </summary>
/// <remarks>
/// The maps are printed one after the other while calls go on, so a key's failures can be a little out of step with
/// its count; they are kept as printed. Syscall numbers are named by <see cref="SyscallNames"/>.
/// </remarks>
internal sealed class BpftraceSyscallParser : BpftraceTupleParser<SyscallSummary>
{
    private readonly TraceClock _clock;
    private readonly bool _perProcess;
    private readonly bool _latency;
    private readonly int _top;
    // The window's maps by name: counts and sums as numbers, @comm's values as strings.
    private readonly Dictionary<string, Dictionary<string, long>> _maps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _comms = new(StringComparer.Ordinal);
    private DateTime _start;

    /// <summary>Creates a parser.</summary>
    /// <param name="perProcess">Keys are process ids (-P), not syscall numbers.</param>
    /// <param name="latency">The run measured time (-L).</param>
    /// <param name="top">How many rows a window keeps (-T).</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public BpftraceSyscallParser(bool perProcess, bool latency, int top, TraceClock? clock = null)
    {
        _perProcess = perProcess;
        _latency = latency;
        _top = top;
        _clock = clock ?? TraceClock.System;
        _start = _clock.Now;
    }

    /// <inheritdoc/>
    protected override void OnAttached() => _start = _clock.Now;

    /// <inheritdoc/>
    public override void Flush(List<SyscallSummary> output)
    {
        if (_maps.Count > 0 || _comms.Count > 0)
        {
            Stats.Warn("bpftrace's output stopped in the middle of a window: its counts were dropped.");
        }
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<SyscallSummary> output)
    {
        if (tuple.Is(0, "start"))
        {
            _start = _clock.FromMonotonic(tuple.Int64(1));
            return LineKind.Ignored;
        }
        if (!tuple.Is(0, "interval") && !tuple.Is(0, "end"))
        {
            return LineKind.Unparsable;
        }
        var end = _clock.FromMonotonic(tuple.Int64(1));
        var rows = Rows(end);
        _maps.Clear();
        _comms.Clear();
        _start = end;
        output.AddRange(rows);
        // Each row is counted here: the base class counts one record per line.
        for (var i = 1; i < rows.Count; i++)
        {
            Stats.CountRecord();
        }
        return rows.Count > 0 ? LineKind.Record : LineKind.Ignored;
    }

    /// <summary>Keeps a printed map's entries by key until the tuple that closes its window.</summary>
    protected override LineKind ReadHistogram(JsonElement maps, List<SyscallSummary> output)
    {
        foreach (var map in maps.EnumerateObject())
        {
            if (map.Value.ValueKind != JsonValueKind.Object)
            {
                return LineKind.Unparsable;
            }
            if (map.Name == "@comm")
            {
                foreach (var entry in map.Value.EnumerateObject())
                {
                    _comms[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
                }
                continue;
            }
            var entries = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in map.Value.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt64(out var value))
                {
                    entries[entry.Name] = value;
                }
                else
                {
                    Stats.CountUnparsed($"{map.Name}[{entry.Name}]: {entry.Value.GetRawText()}");
                }
            }
            _maps[map.Name] = entries;
        }
        return LineKind.Pending;
    }

    private List<SyscallSummary> Rows(DateTime end)
    {
        var rows = new List<SyscallSummary>();
        if (!_maps.TryGetValue("@count", out var counts))
        {
            return rows;
        }
        var failed = _maps.GetValueOrDefault("@failed");
        var ns = _maps.GetValueOrDefault("@ns");
        foreach (var (key, count) in counts)
        {
            if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                || (_perProcess && number is < 0 or > int.MaxValue))
            {
                Stats.CountUnparsed($"@count[{key}]: {count}");
                continue;
            }
            var errors = failed?.GetValueOrDefault(key) ?? 0;
            TimeSpan? total = _latency ? TimeSpan.FromTicks((ns?.GetValueOrDefault(key) ?? 0) / 100) : null;
            rows.Add(_perProcess
                ? SyscallSummary.Create(_start, end, null, (int)number, _comms.GetValueOrDefault(key, ""), count, errors, total)
                : SyscallSummary.Create(_start, end, SyscallNames.Name(number), null, null, count, errors, total));
        }
        return [.. rows.OrderByDescending(r => _latency ? r.TotalTime!.Value.Ticks : r.Count).Take(_top)];
    }
}
