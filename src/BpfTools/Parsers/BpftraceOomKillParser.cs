using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the JSON of module/bpftrace/oomkill.bt: the victim's name, then the kill of the same pid,
/// ["victim", pid, comm] and ["oomkill", trigger_pid, trigger_comm, pid, total_vm_kb, anon_rss_kb, file_rss_kb,
/// shmem_rss_kb, uid, pgtables_kb, oom_score_adj, nsecs]. The sizes come in kB (oom:mark_victim's unit) and leave
/// in bytes.
/// </summary>
internal sealed class BpftraceOomKillParser : BpftraceTupleParser<OomKillEvent>
{
    private const int KillFields = 12;
    private const long KiB = 1024;

    private readonly TraceClock _clock;
    private readonly Dictionary<long, string> _names = [];

    /// <summary>Creates a parser; <paramref name="clock"/> turns bpftrace's nsecs into wall-clock time.</summary>
    public BpftraceOomKillParser(TraceClock? clock = null) => _clock = clock ?? TraceClock.System;

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<OomKillEvent> output)
    {
        if (tuple.Count == 3 && tuple.Is(0, "victim"))
        {
            _names[tuple.Int64(1)] = tuple.String(2);
            return LineKind.Pending;
        }
        var adjust = tuple.Count == KillFields ? tuple.Int64(10) : long.MinValue;
        if (!tuple.Is(0, "oomkill") || adjust is < -1000 or > 1000)
        {
            return LineKind.Unparsable;
        }
        var pid = tuple.Int32(3);
        // Both tuples come from one probe firing; a name lost on the way leaves the victim nameless, not unread.
        _names.Remove(pid, out var name);
        output.Add(new OomKillEvent
        {
            TriggerProcessId = tuple.Int32(1),
            TriggerName = tuple.String(2),
            ProcessId = pid,
            ProcessName = name ?? "",
            VirtualMemoryBytes = tuple.Int64(4) * KiB,
            AnonymousRssBytes = tuple.Int64(5) * KiB,
            FileRssBytes = tuple.Int64(6) * KiB,
            SharedMemoryRssBytes = tuple.Int64(7) * KiB,
            Uid = tuple.Int64(8),
            PageTableBytes = tuple.Int64(9) * KiB,
            OomScoreAdjust = (int)adjust,
            Timestamp = _clock.FromMonotonic(tuple.Int64(11)),
        });
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public override void Flush(List<OomKillEvent> output) => _names.Clear();
}
