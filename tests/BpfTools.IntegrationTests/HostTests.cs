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
        var host = asUser is null ? HostPath : ReadableCopyOfOut();
        try
        {
            return Run(asUser is null
                ? new ProcessStartInfo(host, [command])
                : new ProcessStartInfo("setpriv", [$"--reuid={asUser}", $"--regid={asUser}", "--clear-groups", host, command]), whileRunning);
        }
        finally
        {
            if (asUser is not null)
            {
                Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(host))!, recursive: true);
            }
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo start, Action<Process>? whileRunning)
    {
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

    [Theory]
    [InlineData("ExecEvent", @"^TIME\s+UID\s+PCOMM\s+PID\s+PPID\s+RET\s+ERRNO\s+ARGS\s*$")]
    [InlineData("OpenEvent", @"^TIME\s+UID\s+PID\s+COMM\s+FD\s+ERR\s+FLAGS\s+PATH\s*$")]
    [InlineData("DiskIoEvent", @"^TIME\s+COMM\s+PID\s+DISK\s+T\s+SECTOR\s+BYTES\s+QUE\(ms\)\s+LAT\(ms\)\s*$")]
    [InlineData("SlowFileOperationEvent", @"^TIME\s+COMM\s+PID\s+T\s+BYTES\s+OFF_KB\s+LAT\(ms\)\s+FILENAME\s*$")]
    [InlineData("TcpSessionEvent", @"^TIME\s+PID\s+COMM\s+LADDR\s+LPORT\s+RADDR\s+RPORT\s+TX_KB\s+RX_KB\s+MS\s*$")]
    [InlineData("TcpRetransmitEvent", @"^TIME\s+PID\s+IP\s+LADDR:LPORT\s+T>\s+RADDR:RPORT\s+STATE\s*$")]
    [InlineData("CacheStatSample", @"^TIME\s+HITS\s+MISSES\s+DIRTIES\s+HITRATIO\s+BUFFERS_MB\s+CACHED_MB\s*$")]
    [InlineData("CpuStackSample", @"^\s*COUNT\s+COMM\s+PID\s+STACK\s*$")]
    [InlineData("HistogramBucket", @"^Tool\s+Key\s+End\s+Low\s+High\s+Unit\s+Count\s*$")]
    public void Every_record_renders_through_its_view_with_the_tools_columns(string record, string header)
    {
        var result = RunHost($"[BpfTools.Records.{record}]::new()");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(result.Stdout.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, header));
    }

    [Fact]
    public void A_histogram_renders_as_the_tools_ascii_chart()
    {
        var result = RunHost("[BpfTools.Records.BpfHistogram]::Create('biolatency', 'disk', 'vda', 'usecs', [datetime]::Now, [datetime]::Now, "
            + "[System.ValueTuple[long,long,long][]]@([System.ValueTuple[long,long,long]]::new(0, 1, 2), [System.ValueTuple[long,long,long]]::new(2, 3, 4)))");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("biolatency  disk = vda", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("     usecs               : count    distribution", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("         2 -> 3          : 4        |****************************************|", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("         0 -> 1          : 2        |********************                    |", result.Stdout, StringComparison.Ordinal);
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

    /// <summary>
    /// The checkout may sit where other users cannot read (a 0700 temp folder): copy out/host and out/BpfTools,
    /// side by side as the host expects, to a folder everyone can read. Returns the copied host.
    /// </summary>
    private static string ReadableCopyOfOut()
    {
        var root = Path.Combine(Path.GetTempPath(), $"bpftools-out-{Guid.NewGuid():N}");
        foreach (var folder in new[] { "host", "BpfTools" })
        {
            CopyReadable(Path.Combine(ModuleSession.RepoRoot, "out", folder), Path.Combine(root, folder));
        }
        File.SetUnixFileMode(root, ReadableFolder);
        return Path.Combine(root, "host", "bpftools-host");
    }

    private const UnixFileMode ReadableFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static void CopyReadable(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, ReadableFolder);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file) | UnixFileMode.OtherRead | UnixFileMode.GroupRead);
        }
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            CopyReadable(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
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
