using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of BpfTools' module/bpftrace/execsnoop.bt: argument tuples, then an exit tuple that
/// completes the event of the same thread.
/// </summary>
public sealed class BpftraceExecParser : IRecordParser<ExecEvent>
{
    private readonly TraceClock _clock;
    private readonly Dictionary<long, PendingExec> _pending = [];

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceExecParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<ExecEvent> output)
    {
        Stats.CountLine();
        if (BpftraceJson.Common(line, Stats, out var data) is { } kind)
        {
            return kind;
        }
        try
        {
            var tid = data[1].GetInt64();
            switch (data[0].GetString())
            {
                case "arg":
                    PendingFor(tid).Arguments.Add(data[3].GetString() ?? "");
                    return LineKind.Pending;
                case "more":
                    PendingFor(tid).Truncated = true;
                    return LineKind.Pending;
                case "exit":
                    output.Add(Complete(tid, data));
                    Stats.CountRecord();
                    return LineKind.Record;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            // A tuple of the wrong shape: counted below like any other unreadable line.
        }
        Stats.CountUnparsed(line);
        return LineKind.Unparsable;
    }

    /// <inheritdoc/>
    /// <remarks>Arguments whose exit never came (tracing stopped mid-exec) are not an event: nothing to flush.</remarks>
    public void Flush(List<ExecEvent> output) => _pending.Clear();

    private PendingExec PendingFor(long tid)
    {
        if (!_pending.TryGetValue(tid, out var pending))
        {
            pending = new PendingExec();
            _pending[tid] = pending;
        }
        return pending;
    }

    private ExecEvent Complete(long tid, JsonElement data)
    {
        _pending.Remove(tid, out var pending);
        return new ExecEvent
        {
            ProcessId = data[2].GetInt32(),
            ParentProcessId = data[3].GetInt32(),
            Uid = data[4].GetInt64(),
            Ret = data[5].GetInt32(),
            ProcessName = data[6].GetString() ?? "",
            Timestamp = _clock.FromMonotonic(data[7].GetInt64()),
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
