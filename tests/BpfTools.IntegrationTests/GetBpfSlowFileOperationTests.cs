using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfSlowFileOperation. Its tools need kprobes, which this kernel lacks: the refusal is tested for real; the
/// rest through stand-ins replaying published output, run with the testing aid BPFTOOLS_ASSUME_KPROBES (and
/// BPFTOOLS_ASSUME_KERNEL_HEADERS for bcc) so the capability check lets them start.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfSlowFileOperationTests : IDisposable
{
    private const string Cmdlet = "BpfTools.Commands.GetBpfSlowFileOperationCommand";

    private readonly ModuleSession _session = new();
    private readonly string _record = Path.Combine(Path.GetTempPath(), $"bpftools-slow-args-{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(_record);
        _session.Dispose();
    }

    private static string Fixture(string relative) => StandIn.Fixture(relative);

    private (int Pid, string[] Arguments) Recorded() => StandIn.ReadRecord(_record);

    private static List<string> Rows(string fixture) =>
        [.. File.ReadAllLines(Fixture(fixture)).Where(l => l.Length > 0 && !l.StartsWith("Tracing ", StringComparison.Ordinal) && !l.StartsWith("TIME ", StringComparison.Ordinal))];

    private static double LatencyOf(string row) => double.Parse(Regex.Match(row, @" (\d+\.\d\d) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [NoKprobesTheory]
    [InlineData("-FileSystem ext4 -Backend Libbpf")]
    [InlineData("-FileSystem xfs")]
    [InlineData("")]
    public void On_this_kernel_without_kprobes_it_fails_with_KprobesUnavailable_and_the_fix(string arguments)
    {
        var result = _session.Invoke($"Get-BpfSlowFileOperation {arguments} -Duration 2");
        var error = result.Failure;
        Assert.Equal($"KprobesUnavailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        Assert.Contains("needs kprobes", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("CONFIG_KPROBES", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.EndsWith("slower", (string)error.TargetObject, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Empty(Kernel.ChildTools());
    }

    [NoKprobesFact]
    public void An_installed_bcc_tool_is_refused_before_it_starts_on_a_kernel_without_kprobes()
    {
        using var assume = AssumedFeatures.KernelHeadersOnly();
        using var standIn = StandIn.Replay("ext4slower-bpfcc", Fixture("bcc-examples/ext4slower.txt"), recordTo: _record);
        var error = _session.Invoke("Get-BpfSlowFileOperation -FileSystem ext4 -Duration 2 -Backend Bcc").Failure;
        Assert.Equal($"KprobesUnavailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains("ext4slower-bpfcc (Bcc) needs kprobes", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("ext4slower", error.TargetObject);
        Assert.False(File.Exists(_record), "the stand-in was started");
    }

    [Fact]
    public void Bpftrace_backend_does_not_exist_for_this_tool()
    {
        var error = _session.Invoke("Get-BpfSlowFileOperation -FileSystem ext4 -Duration 2 -Backend Bpftrace").Failure;
        Assert.Equal($"BackendNotAvailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Libbpf, Bcc", error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-MinLatency -1")]
    [InlineData("-MinLatency soon")]
    [InlineData("-FileSystem zfs")]
    [InlineData("-ProcessId 0")]
    public void Bad_parameters_are_refused_before_anything_runs(string arguments)
    {
        var error = _session.Invoke($"Get-BpfSlowFileOperation {arguments} -Duration 2").Failure;
        Assert.Matches("^Parameter(ArgumentValidation|ArgumentTransformation)Error", error.FullyQualifiedErrorId);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_replaying_bcc_ext4slower_gives_typed_events_above_the_default_10_ms()
    {
        using var assume = AssumedFeatures.All();
        using var standIn = StandIn.Replay("ext4slower-bpfcc", Fixture("bcc-examples/ext4slower.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfSlowFileOperation -FileSystem ext4 -Duration 2 -Backend Bcc");
        result.AssertNoErrors();

        // The tool gets the threshold as its positional min_ms; the replay ignores it, the cmdlet applies it too.
        var (pid, arguments) = Recorded();
        Assert.Equal(["10"], arguments);
        var rows = Rows("bcc-examples/ext4slower.txt");
        Assert.Equal(rows.Count(r => LatencyOf(r) >= 10), result.Output.Count);

        // "06:49:17 cksum          3616   R 65536   128        44.25 aptitude-curses"
        var e = result.Output.Single(o => (string)o.Properties["FileName"].Value == "aptitude-curses"
            && (TimeSpan)o.Properties["Latency"].Value > TimeSpan.FromMilliseconds(40));
        Assert.Equal("BpfTools.Records.SlowFileOperationEvent", e.BaseObject.GetType().FullName);
        Assert.Equal(TimeSpan.FromMilliseconds(44.25), Assert.IsType<TimeSpan>(e.Properties["Latency"].Value));
        Assert.Equal(128L * 1024, Assert.IsType<long>(e.Properties["Offset"].Value));
        Assert.Equal(65536L, Assert.IsType<long>(e.Properties["Bytes"].Value));
        Assert.Equal("Read", e.Properties["Operation"].Value.ToString());
        Assert.Equal("BpfTools.Records.FileOperation", e.Properties["Operation"].Value.GetType().FullName);
        Assert.Equal(3616, Assert.IsType<int>(e.Properties["ProcessId"].Value));
        Assert.Equal("cksum", e.Properties["ProcessName"].Value);
        Assert.Equal("ext4", e.Properties["FileSystem"].Value);
        Assert.Equal(new TimeSpan(6, 49, 17), Assert.IsType<DateTime>(e.Properties["Timestamp"].Value).TimeOfDay);

        Assert.False(Process.GetProcesses().Any(p => p.Id == pid && !p.HasExited), "the stand-in is still running");
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("0", "0", 104)]
    [InlineData("15", "15", -1)]
    [InlineData("([TimeSpan]::FromMilliseconds(15))", "15", -1)]
    [InlineData("'00:00:00.0155'", "15", -1)]
    public void MinLatency_is_pushed_down_as_whole_milliseconds_and_applied_exactly(string minLatency, string pushedDown, int expected)
    {
        using var assume = AssumedFeatures.All();
        using var standIn = StandIn.Replay("ext4slower-bpfcc", Fixture("bcc-examples/ext4slower.txt"), recordTo: _record);
        var result = _session.Invoke($"Get-BpfSlowFileOperation ext4 -MinLatency {minLatency} -ProcessId 3616 -Duration 2 -Backend Bcc");
        result.AssertNoErrors();
        Assert.Equal(["-p", "3616", pushedDown], Recorded().Arguments);
        var threshold = minLatency == "'00:00:00.0155'" ? 15.5 : double.Parse(pushedDown, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected >= 0 ? expected : Rows("bcc-examples/ext4slower.txt").Count(r => LatencyOf(r) >= threshold), result.Output.Count);
        Assert.All(result.Output, o => Assert.True((TimeSpan)o.Properties["Latency"].Value >= TimeSpan.FromMilliseconds(threshold)));
    }

    [Fact]
    public void Standin_replaying_bcc_xfsslower_gives_xfs_events_with_offsets_past_4_GiB()
    {
        using var assume = AssumedFeatures.All();
        using var standIn = StandIn.Replay("xfsslower-bpfcc", Fixture("bcc-examples/xfsslower.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfSlowFileOperation -FileSystem XFS -MinLatency 0 -Duration 2 -Backend Bcc");
        result.AssertNoErrors();
        Assert.Equal(59, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("xfs", o.Properties["FileSystem"].Value));
        Assert.Equal(24938024L * 1024, (long)result.Output[0].Properties["Offset"].Value);
    }

    [Fact]
    public void Standin_replaying_published_libbpf_fsslower_output_gets_t_m_and_p()
    {
        using var assume = AssumedFeatures.KprobesOnly();
        using var standIn = StandIn.Replay("fsslower", Fixture("published/fsslower-libbpf-bcc-pr3458.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfSlowFileOperation -FileSystem ext4 -MinLatency 1.5 -ProcessId 2992396 -Duration 2 -Backend Libbpf -Verbose");
        result.AssertNoErrors();
        Assert.Equal(["-t", "ext4", "-m", "1", "-p", "2992396", "-d", "12"], Recorded().Arguments);
        Assert.Contains(result.Verbose, v => v.Contains("running the Libbpf backend", StringComparison.Ordinal) && v.Contains("fsslower -t ext4 -m 1 -p 2992396 -d 12", StringComparison.Ordinal));
        var e = Assert.Single(result.Output);
        Assert.Equal("Sync", e.Properties["Operation"].Value.ToString());
        Assert.Equal(long.MaxValue, (long)e.Properties["Bytes"].Value);
        Assert.Equal(2992396, (int)e.Properties["ProcessId"].Value);
        Assert.Equal(TimeSpan.FromTicks(239_900), (TimeSpan)e.Properties["Latency"].Value);
    }

    [Fact]
    public void Without_FileSystem_the_file_system_of_root_is_traced()
    {
        using var assume = AssumedFeatures.KprobesOnly();
        using var standIn = StandIn.Replay("fsslower", Fixture("transcribed/fsslower-libbpf-from-ext4slower-example.txt"), recordTo: _record);
        var result = _session.Invoke("Get-BpfSlowFileOperation -MinLatency 0 -Duration 2 -Backend Libbpf -Verbose");
        var root = File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).Last(f => f[1] == "/")[2];
        if (root is "ext4" or "xfs" or "btrfs")
        {
            result.AssertNoErrors();
            Assert.Equal(["-t", root, "-m", "0", "-d", "12"], Recorded().Arguments);
            Assert.Contains(result.Verbose, v => v.Contains($"tracing {root}, the file system mounted at /", StringComparison.Ordinal));
            Assert.Equal(56, result.Output.Count);
        }
        else
        {
            Assert.Equal($"FileSystemNotDetected,{Cmdlet}", result.Failure.FullyQualifiedErrorId);
        }
    }

    [Fact]
    public void Real_libbpf_attach_failure_from_this_machine_becomes_AttachFailed_with_its_words()
    {
        using var assume = AssumedFeatures.KprobesOnly();
        using var standIn = StandIn.FailToAttach("fsslower", File.ReadAllText(Fixture("captured/fsslower-libbpf-ext4-no-kprobes.stderr.txt")).TrimEnd('\n'));
        var error = _session.Invoke("Get-BpfSlowFileOperation -FileSystem ext4 -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal($"AttachFailed,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains("failed to attach BPF programs: -2", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        using var assume = AssumedFeatures.All();
        using var standIn = StandIn.Replay("ext4slower-bpfcc", Fixture("bcc-examples/ext4slower.txt"));
        var result = _session.Invoke("Get-BpfSlowFileOperation ext4 -MinLatency 1 -Duration 2 -Backend Bcc");
        result.AssertNoErrors();
        var original = result.Output[0];
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is string or int or long or DateTime or TimeSpan or Enum, $"{property.Name} is {property.Value?.GetType()}");
            var copied = copy.Properties[property.Name].Value;
            // An enum comes back as its name (deserialized objects keep ToString).
            Assert.Equal(property.Value is Enum ? property.Value.ToString() : property.Value, property.Value is Enum ? copied.ToString() : copied);
        }
    }

    [Fact]
    public void Tab_completion_offers_the_file_systems()
    {
        const string script = "Get-BpfSlowFileOperation -FileSystem ";
        var result = _session.Invoke($"(TabExpansion2 -inputScript '{script}' -cursorColumn {script.Length}).CompletionMatches.CompletionText");
        Assert.Equal(["btrfs", "ext4", "nfs", "xfs"], result.Output.Select(o => o.ToString()).Order());
        var x = _session.Invoke($"(TabExpansion2 -inputScript '{script}x' -cursorColumn {script.Length + 1}).CompletionMatches.CompletionText");
        Assert.Equal(["xfs"], x.Output.Select(o => o.ToString()));
    }
}
