using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>syscount.</summary>
/// <remarks>
/// libbpf-tools' syscount attaches to raw_syscalls:sys_enter/sys_exit, as bcc's does and syscount.bt does. The
/// windows are the tool's own intervals (-i), not windows on the clock like the histograms': syscount prints only
/// its top rows each interval, so one-second tables could not be summed into longer windows.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>syscount with its default options, as Get-BpfTool lists it.</summary>
    public static readonly ToolSpec<SyscallOptions, SyscallSummary> Syscall = SyscallFor(new SyscallOptions());

    /// <summary>syscount, its parsers told what the tool does not print (whether the counts are of failures only).</summary>
    public static ToolSpec<SyscallOptions, SyscallSummary> SyscallFor(SyscallOptions options) => new(
        "syscount",
        "Get-BpfSyscall",
        "syscall counts and latency per syscall or per process",
        [
            new(BackendKind.Libbpf, ["syscount", "bpf-syscount"], ProbeKind.Tracepoint,
                SyscallFlags,
                clock => new SyscallTextParser(options.CountsFailures, clock)),
            new(BackendKind.Bcc, ["syscount-bpfcc", "/usr/share/bcc/tools/syscount"], ProbeKind.Tracepoint,
                SyscallFlags,
                clock => new SyscallTextParser(options.CountsFailures, clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [o.PerProcess ? "1" : "0", Number(o.ProcessId), o.FailedOnly ? "1" : "0", Number(o.Errno),
                    o.Latency ? "1" : "0", (o.Interval ?? 86400).ToString(CultureInfo.InvariantCulture), limit.Bpftrace],
                clock => new BpftraceSyscallParser(options.PerProcess, options.Latency, options.Top, clock),
                Program: "syscount.bt"),
        ]);

    // -T is syscount's top count (not a timestamp); -d ends the tool by itself, and without -i it prints one table then.
    private static string[] SyscallFlags(SyscallOptions o, TimeLimit limit) =>
    [
        "-T", o.Top.ToString(CultureInfo.InvariantCulture), .. Switch("-L", o.Latency), .. Switch("-P", o.PerProcess),
        .. Switch("-x", o.FailedOnly), .. Flag("-e", o.Errno), .. Flag("-p", o.ProcessId), .. Flag("-i", o.Interval),
        .. limit.Flag("-d"),
    ];
}

/// <summary>What Get-BpfSyscall asks of syscount.</summary>
/// <param name="Interval">Seconds per table (-i), or null for one table at the end.</param>
/// <param name="PerProcess">Count per process (-P), not per syscall.</param>
/// <param name="Latency">Measure the time spent in the calls (-L).</param>
/// <param name="FailedOnly">Count failed calls only (-x).</param>
/// <param name="Errno">Count only calls failing with this errno (-e), or null.</param>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="Top">Rows per table (-T).</param>
internal sealed record SyscallOptions(int? Interval = null, bool PerProcess = false, bool Latency = false, bool FailedOnly = false,
    int? Errno = null, int? ProcessId = null, int Top = 10)
{
    /// <summary>Every call counted failed: the counts are error counts too.</summary>
    public bool CountsFailures => FailedOnly || Errno is not null;
}
