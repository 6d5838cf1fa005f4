using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/exitsnoop.bt, one tuple per exit:
/// ["exit", pid, tid, ppid, exit_code, age_ns, nsecs, comm], exit_code as the kernel keeps it.
/// </summary>
internal sealed class BpftraceProcessExitParser : BpftraceTupleParser<ProcessExitEvent>
{
    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceProcessExitParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<ProcessExitEvent> output)
    {
        var age = tuple.Count == 8 ? tuple.Int64(5) : -1;
        if (!tuple.Is(0, "exit") || age < 0)
        {
            return LineKind.Unparsable;
        }
        var (exitCode, signal, core) = ProcessExitEvent.FromKernelExitCode(tuple.Int64(4));
        output.Add(new ProcessExitEvent
        {
            ProcessId = tuple.Int32(1),
            ThreadId = tuple.Int32(2),
            ParentProcessId = tuple.Int32(3),
            ExitCode = exitCode,
            Signal = signal,
            CoreDumped = core,
            Age = TimeSpan.FromTicks(age / 100),
            Timestamp = _clock.FromMonotonic(tuple.Int64(6)),
            ProcessName = tuple.String(7),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<ProcessExitEvent> output)
    {
        // Every exit is one tuple.
    }
}
