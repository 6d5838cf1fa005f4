using System.Diagnostics;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>bpftools-host, the README's way to run the module without pwsh: views, errors, exit codes, Ctrl-C.</summary>
[Collection(KernelCollection.Name)]
public sealed class HostTests
{
    private static readonly string HostPath = Path.Combine(ModuleSession.RepoRoot, "out", "host", "bpftools-host");

    private static (int ExitCode, string Stdout, string Stderr) RunHost(string command, string? asUser = null, Action<Process>? whileRunning = null)
    {
        var start = asUser is null
            ? new ProcessStartInfo(HostPath, [command])
            : new ProcessStartInfo("setpriv", [$"--reuid={asUser}", $"--regid={asUser}", "--clear-groups", HostPath, command]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["COLUMNS"] = "160";
        using var host = Process.Start(start)!;
        var stdout = host.StandardOutput.ReadToEndAsync();
        var stderr = host.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(host);
        Assert.True(host.WaitForExit(60_000), "the host did not exit");
        return (host.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Readme_command_shows_failed_execs_in_a_table_like_execsnoop()
    {
        var marker = Kernel.UniqueMissingPath("host");
        (int ExitCode, string Stdout, string Stderr) result;
        using (Kernel.RepeatFailingExec(marker))
        {
            result = RunHost("Get-BpfExec -Duration 3 | Where Ret -ne 0");
        }
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^TIME\s+UID\s+PCOMM\s+PID\s+PPID\s+RET\s+ERRNO\s+ARGS\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3}\s+0\s+sh\s+\d+\s+" + Environment.ProcessId + @"\s+-2\s+ENOENT\s+" + marker + @"\s*$"));
    }

    [Fact]
    public void Unprivileged_user_gets_NotPrivileged_with_the_fix_and_exit_code_1()
    {
        // Run for real as nobody (uid 65534), which has neither root nor CAP_BPF.
        var result = RunHost("Get-BpfExec -Duration 1", asUser: "65534");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[NotPrivileged,BpfTools.Commands.GetBpfExecCommand]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CAP_BPF,CAP_PERFMON", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout.Trim());
    }

    [Fact]
    public void CtrlC_to_the_host_stops_the_tool_and_exits_130()
    {
        // A name filter unique to this test lets us find the tool process even if it outlived the host.
        var marker = $"bpftools-sigint-{Guid.NewGuid():N}"[..15];
        var result = RunHost($"Get-BpfExec -Name {marker}", whileRunning: host =>
        {
            WaitForToolWith(marker, TimeSpan.FromSeconds(30));
            Thread.Sleep(500);
            using var kill = Process.Start("kill", ["-INT", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        });
        Assert.Equal(130, result.ExitCode);
        Assert.False(ToolRunningWith(marker), "the tool outlived the host");
    }

    private static bool ToolRunningWith(string marker)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", "execsnoop.*" + marker]) { RedirectStandardOutput = true })!;
        pgrep.WaitForExit();
        return pgrep.ExitCode == 0;
    }

    private static void WaitForToolWith(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ToolRunningWith(marker))
        {
            Assert.True(DateTime.UtcNow < deadline, "the tool never started");
            Thread.Sleep(100);
        }
    }
}
