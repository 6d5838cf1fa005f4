namespace BpfTools.Catalog;

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
