using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/drsnoop.bt, one tuple per reclaim:
/// ["reclaim", pid, tid, uid, latency_ns, nr_reclaimed, order, nsecs, comm].
/// </summary>
internal sealed class BpftraceDirectReclaimParser : BpftraceTupleParser<DirectReclaimEvent>
{
    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceDirectReclaimParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<DirectReclaimEvent> output)
    {
        var latency = tuple.Count == 9 ? tuple.Int64(4) : -1;
        var pages = latency < 0 ? -1 : tuple.Int64(5);
        if (!tuple.Is(0, "reclaim") || pages < 0)
        {
            return LineKind.Unparsable;
        }
        output.Add(new DirectReclaimEvent
        {
            ProcessId = tuple.Int32(1),
            ThreadId = tuple.Int32(2),
            Uid = tuple.Int64(3),
            Latency = TimeSpan.FromTicks(latency / 100),
            Pages = pages,
            Order = tuple.Int32(6),
            Timestamp = _clock.FromMonotonic(tuple.Int64(7)),
            ProcessName = tuple.String(8),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<DirectReclaimEvent> output)
    {
        // Every reclaim is one tuple.
    }
}
