using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/oomkill.bt, one tuple per victim: ["oomkill", trigger_pid, trigger_comm, pid,
/// comm, total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb, uid, pgtables_kb, oom_score_adj, nsecs]. The sizes
/// come in kB (oom:mark_victim's unit) and leave in bytes.
/// </summary>
internal sealed class BpftraceOomKillParser : BpftraceTupleParser<OomKillEvent>
{
    private const int Fields = 13;
    private const long KiB = 1024;

    private readonly TraceClock _clock;

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceOomKillParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<OomKillEvent> output)
    {
        var adjust = tuple.Count == Fields ? tuple.Int64(11) : long.MinValue;
        if (!tuple.Is(0, "oomkill") || adjust is < -1000 or > 1000)
        {
            return LineKind.Unparsable;
        }
        output.Add(new OomKillEvent
        {
            TriggerProcessId = tuple.Int32(1),
            TriggerName = tuple.String(2),
            ProcessId = tuple.Int32(3),
            ProcessName = tuple.String(4),
            VirtualMemoryBytes = tuple.Int64(5) * KiB,
            AnonymousRssBytes = tuple.Int64(6) * KiB,
            FileRssBytes = tuple.Int64(7) * KiB,
            SharedMemoryRssBytes = tuple.Int64(8) * KiB,
            Uid = tuple.Int64(9),
            PageTableBytes = tuple.Int64(10) * KiB,
            OomScoreAdjust = (int)adjust,
            Timestamp = _clock.FromMonotonic(tuple.Int64(12)),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<OomKillEvent> output)
    {
        // Every kill is one tuple.
    }
}
