using System.Diagnostics;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Every test that traces shares one kernel (and BPFTOOLS_PATH): they run one at a time, each with its own marker.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "Kernel";
}

/// <summary>Workloads and checks on the real system.</summary>
internal static class Kernel
{
    /// <summary>Whether this kernel has kprobes (the build machine's has none).</summary>
    public static readonly bool HasKprobes = Directory.Exists("/sys/bus/event_source/devices/kprobe")
        || File.Exists("/sys/kernel/tracing/kprobe_events");

    private static readonly string[] ToolNames = ["execsnoop", "bpftrace", "stdbuf", "setpriv", "tcplife", "tcplife-bpfcc", "tcpstates", "tcpstates-bpfcc", "runqslower", "runqslower-bpfcc", "exitsnoop", "hardirqs", "softirqs", "mountsnoop", "sigsnoop", "killsnoop", "oomkill", "oomkill-bpfcc", "drsnoop", "drsnoop-bpfcc", "offcputime", "tcpconnect", "tcpconnect-bpfcc", "tcpaccept-bpfcc", "tcpconnlat", "tcpconnlat-bpfcc"];

    /// <summary>A path no other test uses, whose exec() fails with ENOENT.</summary>
    public static string UniqueMissingPath(string what) => $"/nonexistent/bpftools-{what}-{Guid.NewGuid():N}";

    /// <summary>Runs `sh -c "exec path"` (the exec() comes from sh itself, a child of this process) until disposed.</summary>
    public static IDisposable RepeatFailingExec(string path, int everyMs = 200) => Repeat(() =>
    {
        using var sh = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exec " + path]) { RedirectStandardError = true });
        sh!.WaitForExit();
    }, everyMs);

    /// <summary>Does <paramref name="workload"/> again and again on a thread (so it happens once tracing has attached) until disposed.</summary>
    public static IDisposable Repeat(Action workload, int everyMs = 200)
    {
        var stop = new CancellationTokenSource();
        var thread = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                workload();
                stop.Token.WaitHandle.WaitOne(everyMs);
            }
        }) { IsBackground = true };
        thread.Start();
        return new Stopper(() => { stop.Cancel(); thread.Join(); stop.Dispose(); });
    }

    /// <summary>Tool processes (execsnoop, bpftrace, stdbuf, setpriv, replay scripts) that are children of this test process.</summary>
    public static List<(int Pid, string Name)> ChildTools() =>
        [.. ProcEntry.ChildrenOf(Environment.ProcessId, ToolNames).Select(p => (p.Pid, p.Name))];

    /// <summary>Waits briefly for tool children to be gone (reaping is asynchronous), then returns any left.</summary>
    public static List<(int Pid, string Name)> ChildToolsAfter(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        List<(int, string)> left;
        while ((left = ChildTools()).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
        return left;
    }

    /// <summary>Waits until a child tool process exists, and returns its pid.</summary>
    public static int WaitForChildTool(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var tools = ChildTools();
            if (tools.Count > 0)
            {
                return tools[0].Pid;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException("No tool process started.");
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
