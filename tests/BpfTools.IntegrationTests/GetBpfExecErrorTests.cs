using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>Bad situations give typed error records with stable ids and a fix, never a stack trace.</summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfExecErrorTests : IDisposable
{
    // What libbpf-tools' execsnoop printed on this machine before tracefs was mounted.
    private const string RealAttachFailure =
        "libbpf: failed to determine tracepoint 'syscalls/sys_enter_execve' perf event ID: No such file or directory\n" +
        "libbpf: prog 'tracepoint__syscalls__sys_enter_execve': failed to create tracepoint 'syscalls/sys_enter_execve' perf event: No such file or directory\n" +
        "failed to attach BPF programs";

    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("([TimeSpan]::Zero)")]
    public void Zero_or_negative_Duration_is_refused_before_anything_runs(string duration)
    {
        var result = _session.Invoke($"Get-BpfExec -Duration {duration}");
        var error = result.Failure;
        Assert.Equal("ParameterArgumentValidationError,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Duration_longer_than_timers_allow_is_refused()
    {
        var error = _session.Invoke("Get-BpfExec -Duration ([TimeSpan]::FromDays(60))").Failure;
        Assert.Equal("ParameterArgumentValidationError,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Contains("at most 24 days", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_that_is_not_a_time_is_refused()
    {
        var error = _session.Invoke("Get-BpfExec -Duration soon").Failure;
        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_takes_seconds_or_a_TimeSpan()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _session.Invoke("Get-BpfExec -Duration 1.5").AssertNoErrors();
        _session.Invoke("Get-BpfExec -Duration ([TimeSpan]'00:00:01')").AssertNoErrors();
        _session.Invoke("Get-BpfExec -Duration '00:00:01'").AssertNoErrors();
        Assert.InRange(watch.Elapsed.TotalSeconds, 3.5, 60);
    }

    [Fact]
    public void Backend_that_is_not_installed_says_which_package_to_install()
    {
        var error = _session.Invoke("Get-BpfExec -Duration 1 -Backend Bcc").Failure;
        var installed = File.Exists("/usr/sbin/execsnoop-bpfcc") || File.Exists("/usr/share/bcc/tools/execsnoop");
        if (!installed)
        {
            Assert.Equal("ToolNotInstalled,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("apt-get install bpfcc-tools", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        }
        Assert.Equal("execsnoop", error.TargetObject);
    }

    [Fact]
    public void Standin_that_fails_to_attach_gives_AttachFailed_with_the_tools_words()
    {
        using var standIn = StandIn.FailToAttach("execsnoop", RealAttachFailure);
        var error = _session.Invoke("Get-BpfExec -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal("AttachFailed,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        Assert.Contains("failed to attach BPF programs", error.Exception.Message, StringComparison.Ordinal);
        Assert.NotNull(error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Standin_refused_by_the_kernel_gives_AttachPermissionDenied()
    {
        using var standIn = StandIn.FailToAttach("execsnoop", "libbpf: Error in bpf_object__probe_loading():Operation not permitted(1).\nfailed to load BPF object: -1");
        var error = _session.Invoke("Get-BpfExec -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal("AttachPermissionDenied,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }

    [Fact]
    public void Auto_falls_back_to_bpftrace_when_libbpf_standin_fails_to_attach_and_says_so()
    {
        var marker = Kernel.UniqueMissingPath("fallback");
        using var standIn = StandIn.FailToAttach("execsnoop", RealAttachFailure);
        using (Kernel.RepeatFailingExec(marker))
        {
            var result = _session.Invoke("Get-BpfExec -Duration 3 -Verbose");
            result.AssertNoErrors();
            Assert.Contains(result.Verbose, v => v.Contains("Libbpf backend failed to start", StringComparison.Ordinal)
                && v.Contains("falling back to Bpftrace", StringComparison.Ordinal));
            Assert.Contains(result.Output, o => (string)o.Properties["CommandLine"].Value == marker);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_replaying_captured_output_with_garbage_reports_bad_lines_and_lost_events_and_keeps_the_rest()
    {
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-replay-{Guid.NewGuid():N}.txt");
        var captured = File.ReadAllLines(StandIn.Fixture("captured/execsnoop-libbpf-xtUq.txt")).Where(l => l.Length > 0).ToList();
        File.WriteAllLines(replay, [captured[0], captured[1], "garbage line one", .. captured.Skip(2), "0.1 truncated garb"]);
        try
        {
            using var standIn = StandIn.Replay("execsnoop", replay, "Lost 7 events on CPU #1!");
            var result = _session.Invoke("Get-BpfExec -Duration 2 -Backend Libbpf");
            Assert.Null(result.Terminating);
            Assert.Equal(captured.Count - 1, result.Output.Count);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfExecCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            });
            Assert.Equal("garbage line one", result.Errors[0].TargetObject);
            Assert.Contains(result.Warnings, w => w.Contains("lost 7", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(replay);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }
}
