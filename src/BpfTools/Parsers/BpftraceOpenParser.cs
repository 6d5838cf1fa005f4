using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>Reads the JSON of module/bpftrace/opensnoop.bt: a path tuple, then the open tuple of the same thread.</summary>
public sealed class BpftraceOpenParser : BpftraceTupleParser<OpenEvent>
{
    private readonly TraceClock _clock;
    private readonly Dictionary<long, string> _paths = [];

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceOpenParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(JsonElement tuple, List<OpenEvent> output)
    {
        var tid = tuple[1].GetInt64();
        switch (tuple[0].GetString())
        {
            case "path":
                _paths[tid] = tuple[2].GetString() ?? "";
                return LineKind.Pending;
            case "open":
                _paths.Remove(tid, out var path);
                var ret = tuple[5].GetInt32();
                output.Add(new OpenEvent
                {
                    ProcessId = tuple[2].GetInt32(),
                    Uid = tuple[3].GetInt64(),
                    ProcessName = tuple[4].GetString() ?? "",
                    Fd = ret >= 0 ? ret : -1,
                    Errno = ret >= 0 ? 0 : -ret,
                    Flags = tuple[6].GetInt32(),
                    Timestamp = _clock.FromMonotonic(tuple[7].GetInt64()),
                    Path = path ?? "",
                });
                return LineKind.Record;
            default:
                return LineKind.Unparsable;
        }
    }

    /// <inheritdoc/>
    public override void Flush(List<OpenEvent> output) => _paths.Clear();
}
