using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>Reads the JSON of module/bpftrace/opensnoop.bt: a path tuple, then the open tuple of the same thread.</summary>
internal sealed class BpftraceOpenParser : BpftraceTupleParser<OpenEvent>
{
    private readonly TraceClock _clock;
    private readonly Dictionary<long, string> _paths = [];

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceOpenParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<OpenEvent> output)
    {
        var tid = tuple.Int64(1);
        if (tuple.Is(0, "path"))
        {
            _paths[tid] = tuple.String(2);
            return LineKind.Pending;
        }
        if (!tuple.Is(0, "open"))
        {
            return LineKind.Unparsable;
        }
        _paths.Remove(tid, out var path);
        var ret = tuple.Int32(5);
        output.Add(new OpenEvent
        {
            ProcessId = tuple.Int32(2),
            Uid = tuple.Int64(3),
            ProcessName = tuple.String(4),
            Fd = ret >= 0 ? ret : -1,
            Errno = ret >= 0 ? 0 : -ret,
            Flags = tuple.Int32(6),
            Timestamp = _clock.FromMonotonic(tuple.Int64(7)),
            Path = path ?? "",
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<OpenEvent> output) => _paths.Clear();
}
