using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of BpfTools' module/bpftrace/execsnoop.bt: argument tuples, then an exit tuple that
/// completes the event of the same thread.
/// </summary>
internal sealed class BpftraceExecParser : BpftraceTupleParser<ExecEvent>
{
    private readonly TraceClock _clock;
    private readonly Dictionary<long, PendingExec> _pending = [];

    // Pending execs whose exit came, cleared for the next: an exec's argument list is needed only until its exit.
    private readonly Stack<PendingExec> _free = new();

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceExecParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<ExecEvent> output)
    {
        var tid = tuple.Int64(1);
        if (tuple.Is(0, "arg"))
        {
            PendingFor(tid).Arguments.Add(tuple.String(3));
            return LineKind.Pending;
        }
        if (tuple.Is(0, "exit"))
        {
            output.Add(Complete(tid, tuple));
            return LineKind.Record;
        }
        if (tuple.Is(0, "more"))
        {
            PendingFor(tid).Truncated = true;
            return LineKind.Pending;
        }
        return LineKind.Unparsable;
    }

    /// <inheritdoc/>
    /// <remarks>Arguments whose exit never came (tracing stopped mid-exec) are not an event: nothing to flush.</remarks>
    public override void Flush(List<ExecEvent> output)
    {
        foreach (var pending in _pending.Values)
        {
            Release(pending);
        }
        _pending.Clear();
    }

    private PendingExec PendingFor(long tid)
    {
        if (!_pending.TryGetValue(tid, out var pending))
        {
            pending = _free.TryPop(out var free) ? free : new PendingExec();
            _pending[tid] = pending;
        }
        return pending;
    }

    private void Release(PendingExec pending)
    {
        pending.Arguments.Clear();
        pending.Truncated = false;
        _free.Push(pending);
    }

    private ExecEvent Complete(long tid, BpftraceTuple tuple)
    {
        _pending.Remove(tid, out var pending);
        var exec = new ExecEvent
        {
            ProcessId = tuple.Int32(2),
            ParentProcessId = tuple.Int32(3),
            Uid = tuple.Int64(4),
            Ret = tuple.Int32(5),
            ProcessName = tuple.String(6),
            Timestamp = _clock.FromMonotonic(tuple.Int64(7)),
            Arguments = pending is null ? [] : [.. pending.Arguments],
            Truncated = pending?.Truncated ?? false,
        };
        // Reused once the event has its own copy (an exit tuple that does not read drops the arguments, as before).
        if (pending is not null)
        {
            Release(pending);
        }
        return exec;
    }

    private sealed class PendingExec
    {
        public List<string> Arguments { get; } = [];

        public bool Truncated { get; set; }
    }
}
