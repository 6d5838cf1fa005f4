using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>oomkill.</summary>
internal static partial class ToolCatalog
{
    /// <summary>oomkill, wrapped by Get-BpfOomKill.</summary>
    /// <remarks>
    /// libbpf-tools and bcc put a kprobe on oom_kill_process and take no options (no filter, no duration); where
    /// kprobes are missing, the bundled program reads the oom:mark_victim tracepoint, which has the victim's memory
    /// but not the page total the kprobe reads from the OOM killer's own state.
    /// </remarks>
    public static readonly ToolSpec<OomKillOptions, OomKillEvent> OomKill = new(
        "oomkill",
        "Get-BpfOomKill",
        "OOM kills: the killed and the triggering process, pages",
        [
            new(BackendKind.Libbpf, ["oomkill", "bpf-oomkill"], ProbeKind.Kprobe,
                _ => [],
                clock => new OomKillTextParser(clock)),
            new(BackendKind.Bcc, ["oomkill-bpfcc", "/usr/share/bcc/tools/oomkill"], ProbeKind.Kprobe,
                _ => [],
                clock => new OomKillTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (_, limit) => [limit.Bpftrace],
                clock => new BpftraceOomKillParser(clock),
                Program: "oomkill.bt"),
        ]);
}

/// <summary>What Get-BpfOomKill asks of oomkill: nothing but the common parameters, as oomkill has no options.</summary>
internal sealed record OomKillOptions;
