using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>opensnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>opensnoop, wrapped by Get-BpfOpen.</summary>
    public static readonly ToolSpec<OpenOptions, OpenEvent> Open = new(
        "opensnoop",
        "Get-BpfOpen",
        "open() and openat() calls, with the error when they fail",
        [
            // Both opensnoops take -d, their own duration in seconds.
            new(BackendKind.Libbpf, ["opensnoop", "bpf-opensnoop"], ProbeKind.Tracepoint,
                (o, limit) => [.. OpenTextFlags(o), .. Flag("-n", o.Name), .. limit.Flag("-d")],
                clock => new OpenTextParser(clock)),
            // bcc's opensnoop.py attaches kprobes (or kfuncs) to do_sys_open; its -n is the same substring test.
            new(BackendKind.Bcc, ["opensnoop-bpfcc", "/usr/share/bcc/tools/opensnoop"], ProbeKind.Kprobe,
                (o, limit) => [.. OpenTextFlags(o), .. Flag("-n", o.Name), .. limit.Flag("-d")],
                clock => new OpenTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), Number(o.Uid), o.FailedOnly ? "1" : "0", limit.Bpftrace],
                clock => new BpftraceOpenParser(clock),
                Program: "opensnoop.bt"),
        ]);

    // -T time, -U the UID column, -e the flags column; filters as the tool's own flags.
    private static string[] OpenTextFlags(OpenOptions o) =>
        ["-T", "-U", "-e", .. Flag("-p", o.ProcessId), .. Flag("-u", o.Uid), .. Switch("-x", o.FailedOnly)];
}

/// <summary>What Get-BpfOpen asks of opensnoop.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="Name">Only processes whose name contains this (-n), or null.</param>
/// <param name="Uid">Only this user id (-u), or null.</param>
/// <param name="FailedOnly">Only failed opens (-x).</param>
internal sealed record OpenOptions(int? ProcessId, string? Name, long? Uid, bool FailedOnly);
