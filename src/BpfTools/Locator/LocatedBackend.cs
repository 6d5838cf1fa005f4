using System.Management.Automation;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Locator;

/// <summary>A backend as found on this host: where it is and, if it cannot run here, why.</summary>
/// <param name="Kind">Which implementation it is.</param>
/// <param name="Path">The executable, or null when not installed.</param>
/// <param name="ProgramPath">For bpftrace: the bundled program.</param>
/// <param name="Problem">Why it cannot run here, or null.</param>
internal sealed record LocatedBackend(BackendKind Kind, string? Path, string? ProgramPath, Problem? Problem)
{
    /// <summary>Finds a backend's executable and checks what it needs against the host's capabilities.</summary>
    /// <param name="backend">What the backend is and needs.</param>
    /// <param name="host">The host's capabilities.</param>
    /// <param name="programFolder">Where the module's bpftrace programs are.</param>
    public static LocatedBackend Locate(BackendNeeds backend, HostCapabilities host, string programFolder)
    {
        var path = ToolLocator.Find(backend.Executables, Accepts(backend.Kind));
        var program = backend.Program is null ? null : System.IO.Path.Combine(programFolder, backend.Program);
        return new LocatedBackend(backend.Kind, path, program, FindProblem(backend, path, program, host));
    }

    /// <summary>True when it can be started here.</summary>
    public bool CanRun => Problem is null;

    private static Func<string, bool> Accepts(BackendKind kind) => kind switch
    {
        // Plain "execsnoop" may be bcc's Python tool on some distributions.
        BackendKind.Libbpf => path => !ToolLocator.IsPythonScript(path),
        _ => _ => true,
    };

    private static Problem? FindProblem(BackendNeeds backend, string? path, string? program, HostCapabilities host)
    {
        var name = backend.Executables[0];
        if (path is null)
        {
            return new Problem(BpfErrorId.ToolNotInstalled, ErrorCategory.ObjectNotFound,
                $"{name} ({backend.Kind}) is not installed: none of {string.Join(", ", backend.Executables)} was found on BPFTOOLS_PATH, PATH or the sbin folders.",
                $"Install it: apt-get install {PackageOf(backend.Kind)}");
        }
        if (program is not null && !File.Exists(program))
        {
            return new Problem(BpfErrorId.ProgramMissing, ErrorCategory.ObjectNotFound,
                $"The bpftrace program {program} is missing from the module.", "Reinstall or rebuild the BpfTools module.");
        }
        if (!host.IsPrivileged)
        {
            return NotPrivileged();
        }
        if (backend.Probes == ProbeKind.Kprobe && !host.Kprobes)
        {
            return new Problem(BpfErrorId.KprobesUnavailable, ErrorCategory.NotEnabled,
                $"{name} ({backend.Kind}) needs kprobes, and this kernel ({host.KernelRelease}) has none (no kprobe PMU, no kprobe_events).",
                "Use a backend built on tracepoints where the tool has one (Get-BpfTool lists them), or a kernel built with CONFIG_KPROBES and CONFIG_KPROBE_EVENTS.");
        }
        if (backend.Probes == ProbeKind.Tracepoint && !host.Tracefs)
        {
            return new Problem(BpfErrorId.TracefsNotMounted, ErrorCategory.NotEnabled,
                "Tracepoints need tracefs, which is not mounted at /sys/kernel/tracing.",
                "Mount it: mount -t tracefs nodev /sys/kernel/tracing");
        }
        if (backend.Kind == BackendKind.Libbpf && !host.Btf)
        {
            return new Problem(BpfErrorId.BtfUnavailable, ErrorCategory.NotEnabled,
                $"libbpf-tools need the kernel's BTF (/sys/kernel/btf/vmlinux), which this kernel ({host.KernelRelease}) does not expose.",
                "Use -Backend Bpftrace or Bcc, or a kernel built with CONFIG_DEBUG_INFO_BTF.");
        }
        if (backend.Kind == BackendKind.Bcc && !host.KernelHeaders)
        {
            return new Problem(BpfErrorId.KernelHeadersMissing, ErrorCategory.NotEnabled,
                $"bcc's Python tools compile against kernel headers, and none are installed for {host.KernelRelease}.",
                $"Install them: apt-get install linux-headers-{host.KernelRelease}");
        }
        return null;
    }

    /// <summary>The package that provides a backend on Debian and Ubuntu, for error messages.</summary>
    public static string PackageOf(BackendKind kind) => kind switch
    {
        BackendKind.Libbpf => "libbpf-tools",
        BackendKind.Bcc => "bpfcc-tools",
        _ => "bpftrace",
    };

    /// <summary>The problem of running without root or CAP_BPF and CAP_PERFMON.</summary>
    /// <param name="sudoSaid">When sudo was tried: why it did not allow the command.</param>
    public static Problem NotPrivileged(string? sudoSaid = null) => new(BpfErrorId.NotPrivileged, ErrorCategory.PermissionDenied,
        "eBPF tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities, and this process has neither" +
            (sudoSaid is null ? "." : $"; sudo -n does not allow the tool's command ({sudoSaid})"),
        "Have an administrator install the sudoers rule that Get-BpfSudoersRule writes (it allows exactly this module's " +
            "commands; BpfTools then runs them through sudo -n), or run as root, or grant CAP_BPF,CAP_PERFMON to the tool.");
}
