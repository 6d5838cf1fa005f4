namespace BpfTools.Locator;

/// <summary>
/// A testing aid: environment variables that make the capability probe report a kernel feature this host
/// lacks, so that a stand-in executable replaying a kprobe tool's output can be run through the whole cmdlet
/// on a kernel without kprobes. They change nothing else: a real tool started under them still fails to
/// attach, and says so. Not for production use.
/// </summary>
internal static class AssumedKernelFeatures
{
    /// <summary>Set to 1 to report kprobes as available.</summary>
    public const string KprobesVariable = "BPFTOOLS_ASSUME_KPROBES";

    /// <summary>Set to 1 to report kernel headers (for bcc's Python tools) as installed.</summary>
    public const string KernelHeadersVariable = "BPFTOOLS_ASSUME_KERNEL_HEADERS";

    /// <summary>True when <paramref name="variable"/> is set to 1.</summary>
    public static bool Assumed(string variable) => Environment.GetEnvironmentVariable(variable) == "1";
}
