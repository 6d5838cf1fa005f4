using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>cachestat.</summary>
/// <remarks>
/// cachestat counts calls of page cache functions (mark_page_accessed, add_to_page_cache_lru or its successor,
/// folio_account_dirtied or account_page_dirtied, mark_buffer_dirty) through kprobes (bcc) or fentry, with
/// kprobes in older libbpf-tools: both backends are marked Kprobe, so the capability check refuses them before
/// starting on a kernel without kprobes.
/// There is no bpftrace backend: no tracepoint fires on a page cache lookup, so hits cannot be counted from
/// tracepoints. The writeback tracepoints (writeback_dirty_folio...) count dirtied pages and the filemap ones
/// (mm_filemap_add_to_page_cache) count pages added, i.e. misses, but neither sees a lookup that found its page.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>cachestat with its default one-second interval, as Get-BpfTool lists it.</summary>
    public static readonly ToolSpec<CacheStatOptions, CacheStatSample> CacheStat = CacheStatEvery(1);

    /// <summary>
    /// cachestat whose parsers stamp each sample with <paramref name="intervalSeconds"/>: the tool does not print
    /// its interval, so the parser is told it.
    /// </summary>
    public static ToolSpec<CacheStatOptions, CacheStatSample> CacheStatEvery(int intervalSeconds)
    {
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        return new(
            "cachestat",
            "Get-BpfCacheStat",
            "page cache hits, misses and dirtied pages per interval",
            [
                // -T: each sample carries the time its interval ended; the count ends the tool by itself.
                new(BackendKind.Libbpf, ["cachestat", "bpf-cachestat"], ProbeKind.Kprobe,
                    (o, limit) => ["-T", .. limit.IntervalAndCount(o.Interval)],
                    clock => new CacheStatTextParser(interval, clock)),
                new(BackendKind.Bcc, ["cachestat-bpfcc", "/usr/share/bcc/tools/cachestat"], ProbeKind.Kprobe,
                    (o, limit) => ["-T", .. limit.IntervalAndCount(o.Interval)],
                    clock => new CacheStatTextParser(interval, clock)),
            ]);
    }
}

/// <summary>What Get-BpfCacheStat asks of cachestat.</summary>
/// <param name="Interval">Seconds per sample: the tools' positional interval argument.</param>
internal sealed record CacheStatOptions(int Interval);
