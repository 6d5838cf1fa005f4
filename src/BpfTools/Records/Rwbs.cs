namespace BpfTools.Records;

/// <summary>
/// Reads the kernel's RWBS text (blk_fill_rwbs in kernel/trace/blktrace.c, which the block tracepoints and
/// libbpf-tools' biosnoop print): an optional F for a preflush, the operation (R, W, D, DE, F, WZ, Z?, N), then
/// flag letters: F (FUA), A (readahead), S (sync), M (metadata), U or a (atomic). bcc's Python biosnoop prints
/// only R or W.
/// </summary>
internal static class Rwbs
{
    private const string OperationStarts = "RWDFZN";

    /// <summary>The operation the text describes; Unknown when it is empty or not RWBS.</summary>
    public static DiskOperation Operation(string rwbs)
    {
        var op = PreFlush(rwbs) ? rwbs.AsSpan(1) : rwbs.AsSpan();
        if (op.IsEmpty)
        {
            return DiskOperation.Unknown;
        }
        var next = op.Length > 1 ? op[1] : '\0';
        return op[0] switch
        {
            'R' => DiskOperation.Read,
            'W' when next == 'Z' => DiskOperation.WriteZeroes,
            'W' => DiskOperation.Write,
            'D' when next == 'E' => DiskOperation.SecureErase,
            'D' => DiskOperation.Discard,
            'F' => DiskOperation.Flush,
            'N' => DiskOperation.Other,
            'Z' => next switch
            {
                'A' => DiskOperation.ZoneAppend,
                'R' => DiskOperation.ZoneReset,
                'F' => DiskOperation.ZoneFinish,
                'O' => DiskOperation.ZoneOpen,
                'C' => DiskOperation.ZoneClose,
                _ => DiskOperation.Unknown,
            },
            _ => DiskOperation.Unknown,
        };
    }

    // A leading F is a preflush when an operation letter follows it: "FWS" is a synchronous write after a cache
    // flush, "FF" a flush with a preflush, while "F" alone (or "FS") is the flush operation itself.
    private static bool PreFlush(string rwbs) => rwbs.Length > 1 && rwbs[0] == 'F' && OperationStarts.Contains(rwbs[1]);
}
