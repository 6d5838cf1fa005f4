using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>exitsnoop.</summary>
internal static partial class ToolCatalog
{
    /// <summary>exitsnoop, wrapped by Get-BpfProcessExit.</summary>
    public static readonly ToolSpec<ProcessExitOptions, ProcessExitEvent> ProcessExit = new(
        "exitsnoop",
        "Get-BpfProcessExit",
        "process exits: exit code or killing signal, age, parent",
        [
            // All three read sched:sched_process_exit. Neither exitsnoop takes a duration.
            new(BackendKind.Libbpf, ["exitsnoop", "bpf-exitsnoop"], ProbeKind.Tracepoint,
                o => ["-t", .. Switch("-T", o.IncludeThreads), .. Switch("-x", o.FailedOnly), .. Flag("-p", o.ProcessId)],
                clock => new ProcessExitTextParser(clock)),
            // bcc's -p is left out: with it, exitsnoop.py returns after its first poll of the perf buffer and ends
            // the run; Get-BpfProcessExit filters the process itself. Its -t prints milliseconds the parser drops,
            // so the lines are dated by their arrival instead.
            new(BackendKind.Bcc, ["exitsnoop-bpfcc", "/usr/share/bcc/tools/exitsnoop"], ProbeKind.Tracepoint,
                o => [.. Switch("--per-thread", o.IncludeThreads), .. Switch("-x", o.FailedOnly)],
                clock => new ProcessExitTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), o.IncludeThreads ? "1" : "0", o.FailedOnly ? "1" : "0", limit.Bpftrace],
                clock => new BpftraceProcessExitParser(clock),
                Program: "exitsnoop.bt"),
        ]);
}

/// <summary>What Get-BpfProcessExit asks of exitsnoop.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="IncludeThreads">Every thread's exit, not only whole processes' (-T).</param>
/// <param name="FailedOnly">Only non-zero exit codes and deaths by signal (-x).</param>
internal sealed record ProcessExitOptions(int? ProcessId, bool IncludeThreads, bool FailedOnly);
