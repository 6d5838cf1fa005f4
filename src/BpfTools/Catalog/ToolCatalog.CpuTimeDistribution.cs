using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>cpudist.</summary>
internal static partial class ToolCatalog
{
    /// <summary>cpudist, wrapped by Get-BpfCpuTimeDistribution.</summary>
    public static readonly ToolSpec<CpuTimeDistributionOptions, BpfHistogram> CpuTimeDistribution = new(
        "cpudist",
        "Get-BpfCpuTimeDistribution",
        "on- or off-CPU time per task as histograms",
        [
            new(BackendKind.Libbpf, ["cpudist", "bpf-cpudist"], ProbeKind.Tracepoint,
                CpuTimeDistributionFlags,
                clock => new LogHistogramTextParser("cpudist", clock)),
            // bcc's cpudist.py attaches a kprobe to finish_task_switch.
            new(BackendKind.Bcc, ["cpudist-bpfcc", "/usr/share/bcc/tools/cpudist"], ProbeKind.Kprobe,
                CpuTimeDistributionFlags,
                clock => new LogHistogramTextParser("cpudist", clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => [o.BpftraceInterval, o.PerProcess ? "1" : o.PerThread ? "2" : "0", o.OffCpu ? "1" : "0",
                    o.Milliseconds ? "1" : "0", Number(o.ProcessId), limit.Bpftrace],
                clock => new BpftraceHistogramParser("cpudist", clock, (_, key) => IdAndName(key)),
                Program: "cpudist.bt"),
        ]);

    // -T: each interval's time closes its window; [interval] [count] also end the tool by itself.
    private static string[] CpuTimeDistributionFlags(CpuTimeDistributionOptions o, TimeLimit limit) =>
    [
        "-T", .. Switch("-O", o.OffCpu), .. Switch("-m", o.Milliseconds), .. Switch("-P", o.PerProcess),
        .. Switch("-L", o.PerThread), .. Flag("-p", o.ProcessId), .. limit.IntervalAndCount(o.Interval),
    ];

    // bpftrace joins an "id,comm" key with a comma; the tools print "id comm". Only the first comma is the
    // separator: a thread's name may hold commas of its own.
    private static string IdAndName(string key)
    {
        var comma = key.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? key : string.Concat(key.AsSpan(0, comma), " ", key.AsSpan(comma + 1));
    }
}

/// <summary>Get-BpfCpuTimeDistribution's options (cpudist).</summary>
internal sealed record CpuTimeDistributionOptions(int? Interval, bool Milliseconds, bool OffCpu, bool PerProcess, bool PerThread, int? ProcessId)
    : HistogramOptions(Interval, Milliseconds);
