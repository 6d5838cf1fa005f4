using System.Globalization;

namespace BpfTools.Locator;

/// <summary>What this host's kernel and this process can do for eBPF tracing, read from /proc and /sys.</summary>
internal sealed record HostCapabilities(
    bool IsRoot,
    bool HasBpfCapabilities,
    bool Btf,
    bool Tracefs,
    bool Kprobes,
    bool KernelHeaders,
    string KernelRelease)
{
    private const int CapSysAdmin = 21;
    private const int CapPerfmon = 38;
    private const int CapBpf = 39;

    /// <summary>Not privileged itself, this process runs the tools through sudo (<see cref="Runner.SudoRoute"/>).</summary>
    public bool ThroughSudo { get; init; }

    /// <summary>
    /// Root, or CAP_BPF with CAP_PERFMON (or CAP_SYS_ADMIN, which older kernels require), or sudo runs the tools;
    /// sudo's rules are checked for each command.
    /// </summary>
    public bool IsPrivileged => IsRoot || HasBpfCapabilities || ThroughSudo;

    /// <summary>Reads the current host (see <see cref="AssumedKernelFeatures"/> for the testing overrides).</summary>
    public static HostCapabilities Probe()
    {
        var release = ReadTrimmed("/proc/sys/kernel/osrelease");
        var tracefs = TracefsRoot();
        return new HostCapabilities(
            IsRoot: EffectiveUid() == 0,
            HasBpfCapabilities: HasCapability(CapSysAdmin) || (HasCapability(CapBpf) && HasCapability(CapPerfmon)),
            Btf: File.Exists("/sys/kernel/btf/vmlinux"),
            Tracefs: tracefs is not null,
            // libbpf attaches kprobes through the perf "kprobe" PMU, or through tracefs' kprobe_events.
            Kprobes: Directory.Exists("/sys/bus/event_source/devices/kprobe")
                || (tracefs is not null && File.Exists(Path.Combine(tracefs, "kprobe_events")))
                || AssumedKernelFeatures.Assumed(AssumedKernelFeatures.KprobesVariable),
            KernelHeaders: Directory.Exists($"/lib/modules/{release}/build") || File.Exists("/sys/kernel/kheaders.tar.xz")
                || AssumedKernelFeatures.Assumed(AssumedKernelFeatures.KernelHeadersVariable),
            KernelRelease: release);
    }

    /// <summary>The mounted tracefs, where tracepoints are listed, or null.</summary>
    /// <remarks>Read from /proc/mounts: tracefs itself is mode 0700, so a process with CAP_BPF but not root cannot look inside.</remarks>
    public static string? TracefsRoot()
    {
        try
        {
            // "nodev /sys/kernel/tracing tracefs rw,... 0 0"
            return File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2 && f[2] == "tracefs")
                .Select(f => f[1]).OrderBy(p => p == "/sys/kernel/tracing" ? 0 : 1).FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long EffectiveUid()
    {
        // "Uid:	real	effective	saved	fs"
        var line = StatusLine("Uid:");
        var fields = line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var uid) ? uid : -1;
    }

    private static bool HasCapability(int bit)
    {
        var hex = StatusLine("CapEff:")?["CapEff:".Length..].Trim();
        return hex is not null
            && ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << bit)) != 0;
    }

    private static string? StatusLine(string prefix)
    {
        try
        {
            return File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
