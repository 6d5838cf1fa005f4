namespace BpfTools.IntegrationTests;

/// <summary>
/// Sets the testing aid's variables (BPFTOOLS_ASSUME_KPROBES, BPFTOOLS_ASSUME_KERNEL_HEADERS) for the duration
/// of a test, so a stand-in of a kprobe tool passes the capability check on a kernel without kprobes.
/// </summary>
internal sealed class AssumedFeatures : IDisposable
{
    private const string Kprobes = "BPFTOOLS_ASSUME_KPROBES";
    private const string Headers = "BPFTOOLS_ASSUME_KERNEL_HEADERS";

    private AssumedFeatures(bool kprobes, bool headers)
    {
        Environment.SetEnvironmentVariable(Kprobes, kprobes ? "1" : null);
        Environment.SetEnvironmentVariable(Headers, headers ? "1" : null);
    }

    public static AssumedFeatures Set(bool kprobes, bool headers) => new(kprobes, headers);

    public static AssumedFeatures All() => new(true, true);

    public static AssumedFeatures KprobesOnly() => new(true, false);

    public static AssumedFeatures KernelHeadersOnly() => new(false, true);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Kprobes, null);
        Environment.SetEnvironmentVariable(Headers, null);
    }
}
