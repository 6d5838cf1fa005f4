using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>offcputime.</summary>
internal static partial class ToolCatalog
{
    /// <summary>offcputime, wrapped by Get-BpfOffCpuTime.</summary>
    public static readonly ToolSpec<OffCpuTimeOptions, OffCpuStackSample> OffCpuTime = new(
        "offcputime",
        "Get-BpfOffCpuTime",
        "time blocked off CPU by stack",
        [
            // libbpf-tools' offcputime has no folded output (-f): its multi-line blocks, printed when it ends. It
            // prints nothing before them, so it is given the duration and ends by itself, as profile is.
            new(BackendKind.Libbpf, ["offcputime", "bpf-offcputime"], ProbeKind.Tracepoint,
                o => [.. Flag("-p", o.ProcessId), .. Flag("-t", o.ThreadId), .. Switch("-u", o.UserThreadsOnly),
                    .. Switch("-k", o.KernelThreadsOnly), .. Flag("-m", o.MinMicroseconds), .. Flag("-M", o.MaxMicroseconds),
                    o.DurationSeconds],
                clock => new OffCpuTimeTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [Number(o.ProcessId), Number(o.ThreadId), o.BpftraceThreadMode,
                    (o.MinMicroseconds ?? 0).ToString(CultureInfo.InvariantCulture), Number(o.MaxMicroseconds), limit.Bpftrace],
                clock => new BpftraceOffCpuTimeParser(clock),
                Program: "offcputime.bt"),
        ]);
}

/// <summary>Get-BpfOffCpuTime's options (offcputime).</summary>
/// <param name="ProcessId">Only the threads of this process (-p), or null for all.</param>
/// <param name="ThreadId">Only this thread (-t), or null for all.</param>
/// <param name="UserThreadsOnly">User threads only (-u).</param>
/// <param name="KernelThreadsOnly">Kernel threads only (-k).</param>
/// <param name="MinBlockTime">Only blocks at least this long (-m), or null for all.</param>
/// <param name="MaxBlockTime">Only blocks at most this long (-M), or null for all.</param>
/// <param name="Duration">How long to trace: libbpf's output comes only at the end, so it is given it.</param>
internal sealed record OffCpuTimeOptions(int? ProcessId, int? ThreadId, bool UserThreadsOnly, bool KernelThreadsOnly,
    TimeSpan? MinBlockTime, TimeSpan? MaxBlockTime, TimeSpan Duration)
{
    /// <summary>The tool's trailing [duration] argument, in whole seconds (rounded up, at least 1).</summary>
    public string DurationSeconds => Math.Max(1, (int)Math.Ceiling(Duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>-m in whole microseconds, the tools' unit: rounded up, so no shorter block passes.</summary>
    public long? MinMicroseconds => MinBlockTime is { } t ? (t.Ticks + TimeSpan.TicksPerMicrosecond - 1) / TimeSpan.TicksPerMicrosecond : null;

    /// <summary>-M in whole microseconds: rounded down, so no longer block passes.</summary>
    public long? MaxMicroseconds => MaxBlockTime is { } t ? t.Ticks / TimeSpan.TicksPerMicrosecond : null;

    /// <summary>offcputime.bt's thread mode: 1 user threads only, 2 kernel threads only, 0 both.</summary>
    public string BpftraceThreadMode => UserThreadsOnly ? "1" : KernelThreadsOnly ? "2" : "0";
}
