using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace BpfTools.IntegrationTests;

/// <summary>
/// No tool outlives PowerShell: a real pwsh runs a cmdlet, and its PowerShell process is SIGKILLed as the OOM killer
/// or a dropped session would. The parent-death signal kills the tool at once; without it, the tool's own time limit
/// (-Duration plus the margin) ends it.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class ParentDeathTests(ITestOutputHelper log)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Every cmdlet that runs on this kernel, and the process its tool runs as (the backend that attaches here).</summary>
    public static TheoryData<string, string> Cmdlets => new()
    {
        { "Get-BpfExec", "execsnoop" },
        { "Get-BpfExec -Backend Bpftrace", "bpftrace" },
        { "Get-BpfOpen", "opensnoop" },
        // libbpf-tools' biosnoop loads an fentry program this kernel refuses: Auto would fall back to bpftrace.
        { "Get-BpfDiskIo -Backend Bpftrace", "bpftrace" },
        { "Get-BpfTcpSession", "tcplife" },
        { "Get-BpfTcpStateChange", "tcpstates" },
        { "Get-BpfTcpRetransmit", "bpftrace" },
        // tcpconnect needs kprobes: Auto runs the bpftrace program.
        { "Get-BpfTcpConnect -Direction Both", "bpftrace" },
        { "Get-BpfDiskLatency -Duration 300", "biolatency" },
        { "Get-BpfRunQueueLatency -Duration 300", "runqlat" },
        { "Get-BpfRunQueueDelay", "runqslower" },
        { "Get-BpfDiskPattern -Duration 300", "biopattern" },
        { "Get-BpfCpuProfile -Duration 300", "bpftrace" },
        { "Get-BpfSyscall -Duration 300", "syscount" },
        { "Get-BpfProcessExit", "exitsnoop" },
        { "Get-BpfProcessExit -Backend Bpftrace", "bpftrace" },
        { "Get-BpfSignal", "sigsnoop" },
        { "Get-BpfSignal -KillOnly -Backend Bpftrace", "bpftrace" },
        { "Get-BpfMount", "mountsnoop" },
        // oomkill needs kprobes: Auto runs the bundled program on oom:mark_victim.
        { "Get-BpfOomKill", "bpftrace" },
        { "Get-BpfDirectReclaim", "drsnoop" },
        { "Get-BpfDirectReclaim -Backend Bpftrace", "bpftrace" },
        { "Get-BpfCpuTimeDistribution -Duration 300", "cpudist" },
        { "Get-BpfDiskIoSize -Duration 300", "bitesize" },
        { "Get-BpfInterruptTime -Kind Soft -Duration 300", "softirqs" },
        { "Get-BpfOffCpuTime -Duration 300", "offcputime" },
        { "Get-BpfOffCpuTime -Duration 300 -Backend Bpftrace", "bpftrace" },
        { "Invoke-BpfTrace -Program 'tracepoint:syscalls:sys_enter_getpid { @n = count(); }'", "bpftrace" },
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Killing_PowerShell_kills_the_tool_within_2_s(string cmdlet, string tool)
    {
        using var pwsh = SeparatePwsh.Start($"{cmdlet} | Out-Null");
        var process = pwsh.WaitForTool(tool, StartTimeout);

        pwsh.KillPowerShell(process);
        var clock = Stopwatch.StartNew();
        while (process.StillAlive && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            Thread.Sleep(20);
        }

        Assert.False(process.StillAlive, $"{tool} (pid {process.Pid}) still runs 2 s after its PowerShell process was killed");
        log.WriteLine($"{cmdlet}: {tool} gone {clock.ElapsedMilliseconds} ms after SIGKILL of PowerShell.");
    }

    /// <summary>One cmdlet per way a tool is told its limit: an option (-d), interval and count, a bpftrace program's parameter.</summary>
    [Theory]
    [InlineData("Get-BpfOpen -Duration 3", "opensnoop")]
    [InlineData("Get-BpfRunQueueLatency -Duration 3", "runqlat")]
    [InlineData("Get-BpfExec -Backend Bpftrace -Duration 3", "bpftrace")]
    public void Without_the_parent_death_signal_the_tool_ends_by_itself_after_its_duration_plus_the_margin(string cmdlet, string tool)
    {
        using var pwsh = SeparatePwsh.Start($"{cmdlet} | Out-Null", new Dictionary<string, string> { ["BPFTOOLS_NO_PDEATHSIG"] = "1" });
        var process = pwsh.WaitForTool(tool, StartTimeout);
        var sinceStart = Stopwatch.StartNew();

        pwsh.KillPowerShell(process);
        Thread.Sleep(1000);
        Assert.True(process.StillAlive, $"{tool} died with PowerShell although BPFTOOLS_NO_PDEATHSIG=1: this test proves nothing");

        // 3 s plus the 10 s margin, counted by the tool from its attach; bpftrace compiles for 2-3 s before it attaches
        // on a quiet machine, and for 15 s and more on a loaded one (a run here failed with 4 s to spare), so 30 s.
        var deadline = TimeSpan.FromSeconds(3 + 10 + 30);
        while (process.StillAlive && sinceStart.Elapsed < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.False(process.StillAlive, $"{tool} (pid {process.Pid}) still runs {deadline.TotalSeconds} s after it started with -Duration 3");
        log.WriteLine($"{cmdlet}: {tool} ended by itself {sinceStart.Elapsed.TotalSeconds:F1} s after it started.");
    }

    [Fact]
    public void The_tool_outlives_the_thread_pool_retiring_idle_threads()
    {
        // The pool retires a thread idle for this long (20 s by default): had a pool thread forked the tool, the
        // parent-death signal would kill the tool as that thread retired, mid-run.
        using var pwsh = SeparatePwsh.Start(
            "$events = @(Get-BpfExec -Duration 4); 'errors: ' + $Error.Count; $Error | ForEach-Object { \"$_\" }",
            new Dictionary<string, string> { ["DOTNET_ThreadPool_ThreadTimeoutMs"] = "300" });

        Assert.True(pwsh.WaitForExit(StartTimeout), "pwsh did not end");
        Assert.Contains("errors: 0", pwsh.Output, StringComparison.Ordinal);
    }
}
