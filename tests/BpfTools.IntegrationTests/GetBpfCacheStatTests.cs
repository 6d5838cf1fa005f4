using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfCacheStat. cachestat needs kprobes (or fentry), which this kernel lacks: the refusal is tested for real;
/// the rest through stand-ins replaying published output, run with the testing aid BPFTOOLS_ASSUME_KPROBES (and
/// BPFTOOLS_ASSUME_KERNEL_HEADERS for bcc) so the capability check lets them start.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfCacheStatTests : IDisposable
{
    private const string Cmdlet = "BpfTools.Commands.GetBpfCacheStatCommand";

    private readonly ModuleSession _session = new();
    private readonly string _record = Path.Combine(Path.GetTempPath(), $"bpftools-cachestat-args-{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(_record);
        _session.Dispose();
    }

    private static string Fixture(string relative) => StandIn.Fixture(relative);

    private (int Pid, string[] Arguments) Recorded() => StandIn.ReadRecord(_record);

    [NoKprobesTheory]
    [InlineData("-Backend Libbpf")]
    [InlineData("")]
    public void On_this_kernel_without_kprobes_it_fails_with_KprobesUnavailable_before_starting(string arguments)
    {
        var result = _session.Invoke($"Get-BpfCacheStat {arguments} -Duration 2");
        var error = result.Failure;
        Assert.Equal($"KprobesUnavailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        Assert.Contains("needs kprobes", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("CONFIG_KPROBES", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal("cachestat", error.TargetObject);
        Assert.Empty(result.Output);
        Assert.Empty(Kernel.ChildTools());
    }

    [NoKprobesFact]
    public void An_installed_bcc_cachestat_is_refused_before_it_starts_on_a_kernel_without_kprobes()
    {
        using var assumed = AssumedFeatures.Set(kprobes: false, headers: true);
        using var standIn = StandIn.Replay("cachestat-bpfcc", Fixture("bcc-examples/cachestat.txt"), recordTo: _record);
        var error = _session.Invoke("Get-BpfCacheStat -Duration 2 -Backend Bcc").Failure;
        Assert.Equal($"KprobesUnavailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains("cachestat-bpfcc (Bcc) needs kprobes", error.Exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_record), "the stand-in was started");
    }

    [Fact]
    public void Real_libbpf_cachestat_failure_from_this_machine_becomes_AttachFailed_with_its_words()
    {
        using var assumed = AssumedFeatures.Set(kprobes: true, headers: false);
        using var standIn = StandIn.FailToAttach("cachestat", File.ReadAllText(Fixture("captured/cachestat-libbpf-T-no-kprobes.stderr.txt")).TrimEnd('\n'));
        var error = _session.Invoke("Get-BpfCacheStat -Duration 2 -Backend Libbpf").Failure;
        Assert.Equal($"AttachFailed,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotEnabled, error.CategoryInfo.Category);
        Assert.Contains("failed to load BPF object", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bpftrace_backend_does_not_exist_for_this_tool()
    {
        var error = _session.Invoke("Get-BpfCacheStat -Duration 2 -Backend Bpftrace").Failure;
        Assert.Equal($"BackendNotAvailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains("Libbpf, Bcc", error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-Interval 0")]
    [InlineData("-Interval 3601")]
    [InlineData("-Interval soon")]
    public void Bad_parameters_are_refused_before_anything_runs(string arguments)
    {
        var error = _session.Invoke($"Get-BpfCacheStat {arguments} -Duration 2").Failure;
        Assert.Matches("^(ParameterArgumentValidationError|CannotConvertArgument)", error.FullyQualifiedErrorId);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_replaying_bcc_cachestat_gives_typed_samples_and_gets_T_and_the_interval()
    {
        using var assumed = AssumedFeatures.Set(kprobes: true, headers: true);
        using var standIn = StandIn.Replay("cachestat-bpfcc", Fixture("bcc-examples/cachestat.txt"), recordTo: _record);
        var started = DateTime.Now;
        var result = _session.Invoke("Get-BpfCacheStat -Duration 2 -Backend Bcc -Interval 3");
        result.AssertNoErrors();

        var (pid, arguments) = Recorded();
        Assert.Equal(["-T", "3", "4"], arguments);
        Assert.Equal(46, result.Output.Count);

        // "   17154    13750       15   55.51%          277       4422"
        var s = result.Output[3];
        Assert.Equal("BpfTools.Records.CacheStatSample", s.BaseObject.GetType().FullName);
        Assert.Equal(17154L, Assert.IsType<long>(s.Properties["Hits"].Value));
        Assert.Equal(13750L, Assert.IsType<long>(s.Properties["Misses"].Value));
        Assert.Equal(15L, Assert.IsType<long>(s.Properties["Dirties"].Value));
        Assert.Equal(0.5551, Assert.IsType<double>(s.Properties["HitRatio"].Value));
        Assert.Equal(277L, Assert.IsType<long>(s.Properties["BuffersMB"].Value));
        Assert.Equal(4422L, Assert.IsType<long>(s.Properties["CachedMB"].Value));
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<TimeSpan>(s.Properties["Interval"].Value));
        Assert.InRange(Assert.IsType<DateTime>(s.Properties["Timestamp"].Value), started, DateTime.Now);
        Assert.Equal(-19L, (long)result.Output[7].Properties["Misses"].Value);

        Assert.False(Process.GetProcesses().Any(p => p.Id == pid && !p.HasExited), "the stand-in is still running");
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_replaying_transcribed_libbpf_output_ends_by_itself_after_the_default_10_s_and_obeys_MaxEvents()
    {
        using var assumed = AssumedFeatures.Set(kprobes: true, headers: false);
        using var standIn = StandIn.Replay("cachestat", Fixture("transcribed/cachestat-libbpf-from-bcc-example.txt"), recordTo: _record);
        var clock = Stopwatch.StartNew();
        var result = _session.Invoke("Get-BpfCacheStat -Backend Libbpf -Verbose");
        result.AssertNoErrors();
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(40));
        Assert.Equal(["-T", "1", "20"], Recorded().Arguments);
        Assert.Equal(38, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Contains("Sampling for 10 s, every 1 s.", StringComparison.Ordinal));

        var limited = _session.Invoke("Get-BpfCacheStat -Backend Libbpf -MaxEvents 5");
        limited.AssertNoErrors();
        Assert.Equal(5, limited.Output.Count);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        using var assumed = AssumedFeatures.Set(kprobes: true, headers: true);
        using var standIn = StandIn.Replay("cachestat-bpfcc", Fixture("bcc-examples/cachestat.txt"));
        var result = _session.Invoke("Get-BpfCacheStat -Duration 2 -Backend Bcc");
        result.AssertNoErrors();
        var original = result.Output[3];
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        Assert.Equal(9, original.Properties.Count());
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is long or double or DateTime or TimeSpan or string, $"{property.Name} is {property.Value?.GetType()}");
            Assert.Equal(property.Value, copy.Properties[property.Name].Value);
        }
    }
}
