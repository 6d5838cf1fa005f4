using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/biosnoop.bt: one tuple per completed request,
/// ("io", dev, sector, bytes, rwbs, pid, comm, completed_ns, latency_ns, queued_ns).
/// </summary>
public sealed class BpftraceDiskIoParser : BpftraceTupleParser<DiskIoEvent>
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
    protected override LineKind ReadTuple(JsonElement tuple, List<DiskIoEvent> output)
    {
        if (tuple.GetArrayLength() != 10 || tuple[0].GetString() != "io")
        {
            return LineKind.Unparsable;
        }
        var rwbs = tuple[4].GetString() ?? "";
        var queued = tuple[9].GetInt64();
        output.Add(new DiskIoEvent
        {
            Disk = _diskName(tuple[1].GetInt64()),
            Sector = tuple[2].GetInt64(),
            Bytes = tuple[3].GetInt64(),
            Rwbs = rwbs,
            Operation = Rwbs.Operation(rwbs),
            ProcessId = tuple[5].GetInt32(),
            ProcessName = tuple[6].GetString() ?? "",
            Timestamp = _clock.FromMonotonic(tuple[7].GetInt64()),
            Latency = Nanoseconds(tuple[8].GetInt64()),
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
