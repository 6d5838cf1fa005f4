using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>mountsnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>mountsnoop, wrapped by Get-BpfMount.</summary>
    public static readonly ToolSpec<MountOptions, MountEvent> Mount = new(
        "mountsnoop",
        "Get-BpfMount",
        "mount and umount calls: source, target, type, flags, result",
        [
            // libbpf-tools' mountsnoop reads syscalls:sys_{enter,exit}_{mount,umount}. Its -d (detailed) layout
            // has the latency but no header, so a quiet run could not be told from one that never attached; the
            // one-line layout is used. It has no failure filter and no duration: Get-BpfMount filters failures.
            new(BackendKind.Libbpf, ["mountsnoop", "bpf-mountsnoop"], ProbeKind.Tracepoint,
                o => ["-t", .. Flag("-p", o.ProcessId)],
                clock => new MountTextParser(clock)),
        ]);
}

/// <summary>What Get-BpfMount asks of mountsnoop.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
internal sealed record MountOptions(int? ProcessId);
