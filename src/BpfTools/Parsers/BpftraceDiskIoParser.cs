using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/biosnoop.bt: one tuple per completed request,
/// ("io", dev, sector, bytes, rwbs, pid, comm, completed_ns, latency_ns, queued_ns).
/// </summary>
internal sealed class BpftraceDiskIoParser : BpftraceTupleParser<DiskIoEvent>
{
    private readonly TraceClock _clock;
    private readonly Func<long, string> _diskName;

    /// <summary>Creates a parser.</summary>
    /// <param name="clock">Turns bpftrace's nsecs into wall-clock time.</param>
    /// <param name="diskName">Names a disk from the kernel's dev_t (the tracepoints give only the number).</param>
    public BpftraceDiskIoParser(TraceClock? clock, Func<long, string> diskName)
    {
        _clock = clock ?? TraceClock.System;
        _diskName = diskName;
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<DiskIoEvent> output)
    {
        if (tuple.Count != 10 || !tuple.Is(0, "io"))
        {
            return LineKind.Unparsable;
        }
        var rwbs = tuple.String(4);
        var queued = tuple.Int64(9);
        output.Add(new DiskIoEvent
        {
            Disk = _diskName(tuple.Int64(1)),
            Sector = tuple.Int64(2),
            Bytes = tuple.Int64(3),
            Rwbs = rwbs,
            Operation = Rwbs.Operation(rwbs),
            ProcessId = tuple.Int32(5),
            ProcessName = tuple.String(6),
            Timestamp = _clock.FromMonotonic(tuple.Int64(7)),
            Latency = Nanoseconds(tuple.Int64(8)),
            // -1: not asked for, or the request was not seen inserted.
            QueueTime = queued > 0 ? Nanoseconds(queued) : TimeSpan.Zero,
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<DiskIoEvent> output)
    {
        // Every tuple is a whole event.
    }

    private static TimeSpan Nanoseconds(long ns) => TimeSpan.FromTicks(ns / 100);
}
