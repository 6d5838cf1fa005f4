using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of BpfTools' module/bpftrace/execsnoop.bt: argument tuples, then an exit tuple that
/// completes the event of the same thread.
/// </summary>
public sealed class BpftraceExecParser : BpftraceTupleParser<ExecEvent>
{
    private readonly TraceClock _clock;
    private readonly Dictionary<long, PendingExec> _pending = [];

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceExecParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(JsonElement tuple, List<ExecEvent> output)
    {
        var tid = tuple[1].GetInt64();
        switch (tuple[0].GetString())
        {
            case "arg":
                PendingFor(tid).Arguments.Add(tuple[3].GetString() ?? "");
                return LineKind.Pending;
            case "more":
                PendingFor(tid).Truncated = true;
                return LineKind.Pending;
            case "exit":
                output.Add(Complete(tid, tuple));
                return LineKind.Record;
            default:
                return LineKind.Unparsable;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Arguments whose exit never came (tracing stopped mid-exec) are not an event: nothing to flush.</remarks>
    public override void Flush(List<ExecEvent> output) => _pending.Clear();

    private PendingExec PendingFor(long tid)
    {
        if (!_pending.TryGetValue(tid, out var pending))
        {
            pending = new PendingExec();
            _pending[tid] = pending;
        }
        return pending;
    }

    private ExecEvent Complete(long tid, JsonElement tuple)
    {
        _pending.Remove(tid, out var pending);
        return new ExecEvent
        {
            ProcessId = tuple[2].GetInt32(),
            ParentProcessId = tuple[3].GetInt32(),
            Uid = tuple[4].GetInt64(),
            Ret = tuple[5].GetInt32(),
            ProcessName = tuple[6].GetString() ?? "",
            Timestamp = _clock.FromMonotonic(tuple[7].GetInt64()),
            Arguments = pending is null ? [] : [.. pending.Arguments],
            Truncated = pending?.Truncated ?? false,
        };
    }

    private sealed class PendingExec
    {
        public List<string> Arguments { get; } = [];

        public bool Truncated { get; set; }
    }
}
