using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>
/// Every wrapped tool, one declarative entry each. Backend order is the Auto order: libbpf-tools first
/// (a compiled CO-RE binary attaches in well under a second and its quoted output keeps arguments exact),
/// then bcc's Python tool (same text format, but compiles at start and needs kernel headers), then the
/// bundled bpftrace program (tracepoints only, exact JSON, but LLVM compilation costs one to two seconds).
/// </summary>
public static class ToolCatalog
{
    /// <summary>The most arguments libbpf-tools' execsnoop accepts for --max-args.</summary>
    private const string MaxArgs = "60";

    /// <summary>execsnoop, wrapped by Get-BpfExec.</summary>
    public static readonly ToolSpec<ExecOptions, ExecEvent> Exec = new(
        "execsnoop",
        "Get-BpfExec",
        "exec() system calls, failed ones included",
        [
            new(BackendKind.Libbpf, ["execsnoop", "bpf-execsnoop"], ProbeKind.Tracepoint,
                o => [.. ExecTextFlags(), .. Flag("-u", o.Uid), .. Flag("-n", o.Name)],
                clock => new ExecSnoopTextParser(clock)),
            // bcc's -n is a regex over the arguments, not the name: Get-BpfExec filters names itself instead.
            new(BackendKind.Bcc, ["execsnoop-bpfcc", "/usr/share/bcc/tools/execsnoop"], ProbeKind.Kprobe,
                o => [.. ExecTextFlags(), .. Flag("-u", o.Uid)],
                clock => new ExecSnoopTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                o => [Number(o.Uid)],
                clock => new BpftraceExecParser(clock),
                Program: "execsnoop.bt"),
        ]);

    /// <summary>opensnoop, wrapped by Get-BpfOpen.</summary>
    public static readonly ToolSpec<OpenOptions, OpenEvent> Open = new(
        "opensnoop",
        "Get-BpfOpen",
        "open() and openat() calls, with the error when they fail",
        [
            new(BackendKind.Libbpf, ["opensnoop", "bpf-opensnoop"], ProbeKind.Tracepoint,
                o => [.. OpenTextFlags(o), .. Flag("-n", o.Name)],
                clock => new OpenSnoopTextParser(clock)),
            // bcc's opensnoop.py attaches kprobes (or kfuncs) to do_sys_open; its -n is the same substring test.
            new(BackendKind.Bcc, ["opensnoop-bpfcc", "/usr/share/bcc/tools/opensnoop"], ProbeKind.Kprobe,
                o => [.. OpenTextFlags(o), .. Flag("-n", o.Name)],
                clock => new OpenSnoopTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                o => [Number(o.ProcessId), Number(o.Uid), o.FailedOnly ? "1" : "0"],
                clock => new BpftraceOpenParser(clock),
                Program: "opensnoop.bt"),
        ]);

    /// <summary>All tools, in the order Get-BpfTool lists them.</summary>
    public static IReadOnlyList<ToolSpec> All { get; } = [Exec, Open];

    // -T time, -U the UID column, -e the flags column; filters as the tool's own flags.
    private static string[] OpenTextFlags(OpenOptions o) =>
        ["-T", "-U", "-e", .. Flag("-p", o.ProcessId), .. Flag("-u", o.Uid), .. (o.FailedOnly ? new[] { "-x" } : [])];

    // bpftrace programs take -1 for "no filter".
    private static string Number(long? value) => (value ?? -1).ToString(CultureInfo.InvariantCulture);

    // -x failed exec()s too, -t seconds since start, -U the UID column, -q quoted arguments.
    private static string[] ExecTextFlags() => ["-x", "-t", "-U", "-q", "--max-args", MaxArgs];

    private static string[] Flag(string flag, string? value) => value is null ? [] : [flag, value];

    private static string[] Flag(string flag, long? value) =>
        value is null ? [] : [flag, value.Value.ToString(CultureInfo.InvariantCulture)];
}
