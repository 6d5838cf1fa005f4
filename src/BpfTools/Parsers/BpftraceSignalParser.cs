using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/sigsnoop.bt, one tuple per signal:
/// ["signal", sender_pid, target_pid, sig, result, nsecs, comm], result 0 or a negative errno.
/// </summary>
internal sealed class BpftraceSignalParser : BpftraceTupleParser<SignalEvent>
{
    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceSignalParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<SignalEvent> output)
    {
        var signal = tuple.Count == 7 ? tuple.Int32(3) : -1;
        var target = signal < 0 ? -1L : tuple.Int64(2);
        if (!tuple.Is(0, "signal") || signal is < 0 or > 64 || tuple.Int32(4) > 0 || target is < int.MinValue or > uint.MaxValue)
        {
            return LineKind.Unparsable;
        }
        output.Add(new SignalEvent
        {
            SenderProcessId = tuple.Int32(1),
            // A group kill's negative pid_t came out of older sigsnoop.bt versions as its 32-bit two's complement.
            TargetProcessId = unchecked((int)target),
            SignalNumber = signal,
            Signal = signal == 0 ? null : SignalName.Of(signal),
            Result = tuple.Int32(4),
            Timestamp = _clock.FromMonotonic(tuple.Int64(5)),
            SenderName = tuple.String(6),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<SignalEvent> output)
    {
        // Every signal is one tuple.
    }
}
