using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfOffCpuTime on this kernel, through both backends that run here (libbpf-tools' offcputime on tp_btf, and
/// offcputime.bt on sched:sched_switch). Each test's marker is a copy of /bin/sh or /bin/sleep under a unique name
/// that spends its time blocked. bcc's offcputime is not wrapped: it is not installed here and bcc publishes no
/// example output of it in the formats BpfTools would read.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfOffCpuTimeTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void A_shell_waiting_on_its_children_is_blocked_in_wait4_for_most_of_the_window(string backend)
    {
        // Single-threaded: its one thread id is its process id. -ProcessId is pushed down to both tools.
        using var marker = Marker.Start("/bin/sh", ["-c", "while :; do sleep 0.2; done"]);
        var result = _session.Invoke($"Get-BpfOffCpuTime -Duration 3 -ProcessId {marker.Id} -Backend {backend}");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("BpfTools.Records.OffCpuStackSample", o.BaseObject.GetType().FullName);
            Assert.Equal((marker.Name, marker.Id), ((string)o.Properties["ProcessName"].Value, (int)o.Properties["ThreadId"].Value));
            // libbpf prints thread ids only.
            Assert.Equal(backend == "Libbpf" ? 0 : marker.Id, (int)o.Properties["ProcessId"].Value);
            Assert.True(Assert.IsType<TimeSpan>(o.Properties["BlockedTime"].Value) > TimeSpan.Zero);
        });
        var total = result.Output.Aggregate(TimeSpan.Zero, (sum, o) => sum + (TimeSpan)o.Properties["BlockedTime"].Value);
        Assert.InRange(total, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
        Assert.Contains(result.Output, o => Frames(o, "KernelStack").Any(f => f.StartsWith("do_wait", StringComparison.Ordinal)));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));

        // Folded with the microseconds as the count, as offcputime -f would.
        var folded = _session.InvokeWith("$input | ConvertTo-BpfFoldedStack", result.Output.Cast<object>());
        folded.AssertNoErrors();
        Assert.Equal(result.Output.Select(o => $"{o.Properties["FoldedStack"].Value} {((TimeSpan)o.Properties["BlockedTime"].Value).Ticks / 10}"),
            folded.Output.Select(o => (string)o.BaseObject));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void A_one_second_sleep_among_all_threads_is_found_with_its_time_and_stack(string backend)
    {
        // -MinBlockTime is pushed down: every thread's total is made of blocks of at least 300 ms.
        var running = _session.Start($"Get-BpfOffCpuTime -Duration 4 -MinBlockTime 300000 -UserThreadsOnly -Backend {backend}");
        WaitUntilAttached(Kernel.WaitForChildTool(TimeSpan.FromSeconds(10)));
        using (var sleeper = Marker.Start("/bin/sleep", ["1"]))
        {
            sleeper.Process.WaitForExit();
        }
        var result = ModuleSession.Complete(running, null);
        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.True((TimeSpan)o.Properties["BlockedTime"].Value >= TimeSpan.FromMilliseconds(300)));
        var slept = Assert.Single(result.Output, o => Frames(o, "KernelStack").Any(f => f.StartsWith("do_nanosleep", StringComparison.Ordinal))
            && (string)o.Properties["ProcessName"].Value == Marker.Last);
        Assert.InRange((TimeSpan)slept.Properties["BlockedTime"].Value, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(1.5));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void A_process_asleep_throughout_gives_no_stack_and_a_warning_from_the_backend_asked_for(string backend)
    {
        // libbpf's offcputime then prints nothing and exits 0: no attach failure, no fallback to bpftrace.
        using var sleeper = Marker.Start("/bin/sleep", ["30"]);
        Thread.Sleep(200);
        var result = _session.Invoke($"Get-BpfOffCpuTime -Duration 2 -ProcessId {sleeper.Id}" + (backend == "Libbpf" ? "" : " -Backend Bpftrace"));
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"offcputime ({backend}) traced for 2 s but saw process {sleeper.Id} neither block nor run again", warning, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Frames(PSObject o, string stack) => (IReadOnlyList<string>)o.Properties[stack].Value;

    /// <summary>Both tools attach with their own file descriptors: a BPF link (libbpf) or a perf event (bpftrace).</summary>
    private static void WaitUntilAttached(int tool)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !Directory.EnumerateFiles($"/proc/{tool}/fd").Any(IsAttachment))
        {
            Thread.Sleep(50);
        }
        Thread.Sleep(500);

        static bool IsAttachment(string fd)
        {
            try
            {
                return new FileInfo(fd).LinkTarget is "anon_inode:bpf_link" or "anon_inode:[perf_event]";
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>A copy of a binary under a unique name (its comm), running until disposed; the copy is deleted then.</summary>
    private sealed class Marker : IDisposable
    {
        private readonly string _binary;

        private Marker(string binary, Process process)
        {
            _binary = binary;
            Process = process;
        }

        public static string Last { get; private set; } = "";

        public Process Process { get; }

        public int Id => Process.Id;

        public string Name => Path.GetFileName(_binary);

        public static Marker Start(string original, string[] arguments)
        {
            Last = "offcpu" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
            var binary = Path.Combine(Path.GetTempPath(), Last);
            File.Copy(original, binary, overwrite: true);
            File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new Marker(binary, Process.Start(new ProcessStartInfo(binary, arguments))!);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }
            Process.WaitForExit();
            Process.Dispose();
            File.Delete(_binary);
        }
    }
}
