using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>execsnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>The most arguments libbpf-tools' execsnoop accepts for --max-args.</summary>
    private const string MaxArgs = "60";

    /// <summary>execsnoop, wrapped by Get-BpfExec.</summary>
    public static readonly ToolSpec<ExecOptions, ExecEvent> Exec = new(
        "execsnoop",
        "Get-BpfExec",
        "exec() system calls, failed ones included",
        [
            // Neither execsnoop takes a duration: without -Duration, or if PowerShell dies, only the parent-death
            // signal ends them.
            new(BackendKind.Libbpf, ["execsnoop", "bpf-execsnoop"], ProbeKind.Tracepoint,
                o => [.. ExecTextFlags(), .. Flag("-u", o.Uid), .. Flag("-n", o.Name)],
                clock => new ExecTextParser(clock)),
            // bcc's -n is a regex over the arguments, not the name: Get-BpfExec filters names itself instead.
            new(BackendKind.Bcc, ["execsnoop-bpfcc", "/usr/share/bcc/tools/execsnoop"], ProbeKind.Kprobe,
                o => [.. ExecTextFlags(), .. Flag("-u", o.Uid)],
                clock => new ExecTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.Uid), limit.Bpftrace],
                clock => new BpftraceExecParser(clock),
                Program: "execsnoop.bt"),
        ]);

    // -x failed exec()s too, -t seconds since start, -U the UID column, -q quoted arguments.
    private static string[] ExecTextFlags() => ["-x", "-t", "-U", "-q", "--max-args", MaxArgs];
}

/// <summary>What Get-BpfExec asks of execsnoop.</summary>
/// <param name="Name">Only processes whose name contains this (execsnoop's -n), or null.</param>
/// <param name="Uid">Only this user id (execsnoop's -u), or null.</param>
internal sealed record ExecOptions(string? Name, long? Uid);
