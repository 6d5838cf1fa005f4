using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>biosnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>biosnoop, wrapped by Get-BpfDiskIo.</summary>
    public static readonly ToolSpec<DiskIoOptions, DiskIoEvent> DiskIo = new(
        "biosnoop",
        "Get-BpfDiskIo",
        "block device I/O requests, with their process, size and latency",
        [
            // Tracepoint, though libbpf-tools 0.26 also loads an fentry program (blk_account_io_start) that fails on
            // kernels without it: whether it attaches depends on the release, so it is tried and Auto falls back.
            // libbpf-tools' biosnoop takes a trailing [duration] in seconds.
            new(BackendKind.Libbpf, ["biosnoop", "bpf-biosnoop"], ProbeKind.Tracepoint,
                (o, limit) => [.. BioSnoopFlags(o), .. limit.Positional],
                clock => new DiskIoTextParser(clock)),
            // bcc's biosnoop.py attaches a kprobe to blk_mq_start_request whatever the kernel. It takes no duration.
            new(BackendKind.Bcc, ["biosnoop-bpfcc", "/usr/share/bcc/tools/biosnoop"], ProbeKind.Kprobe,
                BioSnoopFlags,
                clock => new DiskIoTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.DiskDevice), o.IncludeQueueTime ? "1" : "0", limit.Bpftrace],
                clock => new BpftraceDiskIoParser(clock, BlockDevices.NameOf),
                Program: "biosnoop.bt"),
        ]);

    private static string[] BioSnoopFlags(DiskIoOptions o) =>
        [.. Flag("-d", o.Disk), .. (o.IncludeQueueTime ? new[] { "-Q" } : [])];
}

/// <summary>What Get-BpfDiskIo asks of biosnoop.</summary>
/// <param name="Disk">Only this disk (-d), by its kernel name, or null.</param>
/// <param name="DiskDevice">The same disk's kernel dev_t (major &lt;&lt; 20 | minor), for the bpftrace program; null with no disk.</param>
/// <param name="IncludeQueueTime">Also time the requests in the OS queue (-Q).</param>
internal sealed record DiskIoOptions(string? Disk, long? DiskDevice, bool IncludeQueueTime);
