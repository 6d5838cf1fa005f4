using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/runqslower.bt: one tuple per delay over the threshold,
/// ["runq", comm, tid, delay_ns, prev_comm, prev_tid, nsecs].
/// </summary>
internal sealed class BpftraceRunQueueDelayParser : BpftraceTupleParser<RunQueueDelayEvent>
{
    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceRunQueueDelayParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<RunQueueDelayEvent> output)
    {
        if (!tuple.Is(0, "runq") || tuple.Count != 7)
        {
            return LineKind.Unparsable;
        }
        var delay = tuple.Int64(3);
        if (delay < 0)
        {
            return LineKind.Unparsable;
        }
        output.Add(new RunQueueDelayEvent
        {
            ProcessName = tuple.String(1),
            ThreadId = tuple.Int32(2),
            Delay = TimeSpan.FromTicks(delay / 100),
            PreviousProcessName = tuple.String(4),
            PreviousThreadId = tuple.Int32(5),
            Timestamp = _clock.FromMonotonic(tuple.Int64(6)),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<RunQueueDelayEvent> output)
    {
        // Every delay is one tuple.
    }
}
