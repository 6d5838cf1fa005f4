using System.Globalization;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>profile.</summary>
internal static partial class ToolCatalog
{
    /// <summary>profile, wrapped by Get-BpfCpuProfile.</summary>
    public static readonly ToolSpec<CpuProfileOptions, CpuStackSample> CpuProfile = new(
        "profile",
        "Get-BpfCpuProfile",
        "timed CPU stack sampling",
        [
            // Folded output (-f) with the user/kernel delimiter (-d). It prints nothing before its stacks, so
            // the tool is given the duration and ends by itself.
            new(BackendKind.Libbpf, ["profile", "bpf-profile"], ProbeKind.PerfEvent,
                o => [.. ProfileFlags(o), "-d", "-f", o.DurationSeconds],
                clock => new FoldedStackTextParser(clock)),
            // -a marks kernel frames with "_[k]", so a stack without the delimiter is still split right.
            new(BackendKind.Bcc, ["profile-bpfcc", "/usr/share/bcc/tools/profile"], ProbeKind.PerfEvent,
                o => [.. ProfileFlags(o), "-a", "-d", "-f", o.DurationSeconds],
                clock => new FoldedStackTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.PerfEvent,
                (o, limit) => [o.Frequency.ToString(CultureInfo.InvariantCulture), Number(o.ProcessId), o.BpftraceStackMode, limit.Bpftrace],
                clock => new BpftraceCpuProfileParser(clock),
                Program: "profile.bt"),
        ]);

    private static string[] ProfileFlags(CpuProfileOptions o) =>
    [
        "-F", o.Frequency.ToString(CultureInfo.InvariantCulture), .. Flag("-p", o.ProcessId),
        .. Switch("-U", o.UserOnly), .. Switch("-K", o.KernelOnly),
    ];
}

/// <summary>Get-BpfCpuProfile's options (profile).</summary>
/// <param name="Frequency">Samples per second on each CPU (-F).</param>
/// <param name="ProcessId">Only this process (-p), or null for all.</param>
/// <param name="UserOnly">User-space stacks only (-U).</param>
/// <param name="KernelOnly">Kernel stacks only (-K).</param>
/// <param name="Duration">How long to sample: libbpf's and bcc's folded output prints nothing until the end, so they are given it.</param>
internal sealed record CpuProfileOptions(int Frequency, int? ProcessId, bool UserOnly, bool KernelOnly, TimeSpan Duration)
{
    /// <summary>The tools' trailing [duration] argument, in whole seconds (rounded up, at least 1).</summary>
    public string DurationSeconds =>
        Math.Max(1, (int)Math.Ceiling(Duration.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>profile.bt's stack mode: 1 user only, 2 kernel only, 0 both.</summary>
    public string BpftraceStackMode => UserOnly ? "1" : KernelOnly ? "2" : "0";
}
