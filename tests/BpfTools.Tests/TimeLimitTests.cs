using System.Text.RegularExpressions;
using BpfTools.Catalog;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

/// <summary>The time a tool is given to end by itself: -Duration plus the margin, in each backend's own words.</summary>
public class TimeLimitTests
{
    /// <summary>A 4.2 s run: 5 s rounded up, plus the 10 s margin.</summary>
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(4.2);

    private static BackendSpec<TOptions, TRecord> Backend<TOptions, TRecord>(ToolSpec<TOptions, TRecord> tool, BackendKind kind)
        where TRecord : class => tool.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Limit_is_the_duration_rounded_up_plus_ten_seconds_and_none_without_a_duration()
    {
        Assert.Equal(15, new TimeLimit(Run).Seconds);
        Assert.Equal(11, new TimeLimit(TimeSpan.FromMilliseconds(1)).Seconds);
        Assert.Null(new TimeLimit(null).Seconds);
        Assert.Equal(TimeLimit.MaxSeconds, new TimeLimit(TimeSpan.MaxValue).Seconds);
        Assert.Equal(["-d", "15"], new TimeLimit(Run).Flag("-d"));
        Assert.Empty(new TimeLimit(null).Flag("-d"));
        Assert.Equal(["15"], new TimeLimit(Run).Positional);
        Assert.Empty(new TimeLimit(null).Positional);
        Assert.Equal("15", new TimeLimit(Run).Bpftrace);
        Assert.Equal("-1", new TimeLimit(null).Bpftrace);
    }

    [Theory]
    [InlineData(null, null, new string[0])]
    [InlineData(2, null, new[] { "2" })]
    [InlineData(null, 4.2, new[] { "15", "1" })]
    [InlineData(2, 4.2, new[] { "2", "8" })]
    [InlineData(5, 5.0, new[] { "5", "3" })]
    [InlineData(30, 1.0, new[] { "30", "1" })]
    public void Interval_tools_get_enough_intervals_to_cover_the_limit(int? interval, double? seconds, string[] expected) =>
        Assert.Equal(expected, new TimeLimit(seconds is { } s ? TimeSpan.FromSeconds(s) : null).IntervalAndCount(interval));

    [Fact]
    public void Opensnoop_and_fsslower_take_d()
    {
        var open = new OpenOptions(42, null, null, false);
        Assert.Equal(["-T", "-U", "-e", "-p", "42", "-d", "15"], Backend(ToolCatalog.Open, BackendKind.Libbpf).Arguments(open, Run));
        Assert.Equal(["-T", "-U", "-e", "-p", "42", "-d", "15"], Backend(ToolCatalog.Open, BackendKind.Bcc).Arguments(open, Run));
        Assert.Equal(["-T", "-U", "-e", "-p", "42"], Backend(ToolCatalog.Open, BackendKind.Libbpf).Arguments(open));
        var slower = ToolCatalog.SlowFileOperationOn("ext4");
        Assert.Equal(["-t", "ext4", "-m", "10", "-d", "15"],
            Backend(slower, BackendKind.Libbpf).Arguments(new("ext4", TimeSpan.FromMilliseconds(10), null), Run));
    }

    [Fact]
    public void Libbpf_biosnoop_takes_a_trailing_duration()
    {
        var options = new DiskIoOptions("vda", 266338304, true);
        Assert.Equal(["-d", "vda", "-Q", "15"], Backend(ToolCatalog.DiskIo, BackendKind.Libbpf).Arguments(options, Run));
        Assert.Equal(["-d", "vda", "-Q"], Backend(ToolCatalog.DiskIo, BackendKind.Libbpf).Arguments(options));
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void Histogram_tools_take_interval_and_count(BackendKind kind)
    {
        var runqlat = Backend(ToolCatalog.RunQueueLatency, kind);
        Assert.Equal(["-T", "15", "1"], runqlat.Arguments(new RunQueueLatencyOptions(null, false, false, false, null), Run));
        Assert.Equal(["-T", "-m", "-p", "7", "2", "8"], runqlat.Arguments(new RunQueueLatencyOptions(2, true, false, false, 7), Run));
        Assert.Equal(["-T"], runqlat.Arguments(new RunQueueLatencyOptions(null, false, false, false, null)));
        var biolatency = Backend(ToolCatalog.DiskLatency, kind);
        Assert.Equal(["-T", "-D", "15", "1"], biolatency.Arguments(new DiskLatencyOptions(null, false, true, false, false, null), Run));
        Assert.Equal(["-T", "-d", "vda", "3", "5"], biolatency.Arguments(new DiskLatencyOptions(3, false, false, false, false, "vda"), Run));
        var cachestat = Backend(ToolCatalog.CacheStatEvery(1), kind);
        Assert.Equal(["-T", "1", "15"], cachestat.Arguments(new CacheStatOptions(1), Run));
        Assert.Equal(["-T", "1"], cachestat.Arguments(new CacheStatOptions(1)));
    }

    [Fact]
    public void Profile_keeps_its_exact_duration_in_libbpf_and_bcc_which_print_only_at_their_end()
    {
        var options = new CpuProfileOptions(49, null, false, false, Run);
        Assert.Equal(["-F", "49", "-d", "-f", "5"], Backend(ToolCatalog.CpuProfile, BackendKind.Libbpf).Arguments(options, Run));
        Assert.Equal(["-F", "49", "-a", "-d", "-f", "5"], Backend(ToolCatalog.CpuProfile, BackendKind.Bcc).Arguments(options, Run));
    }

    [Fact]
    public void Tools_without_a_duration_of_their_own_are_left_to_the_parent_death_signal()
    {
        Assert.Equal(Backend(ToolCatalog.Exec, BackendKind.Libbpf).Arguments(new(null, null)),
            Backend(ToolCatalog.Exec, BackendKind.Libbpf).Arguments(new(null, null), Run));
        Assert.Equal(Backend(ToolCatalog.Exec, BackendKind.Bcc).Arguments(new(null, null)),
            Backend(ToolCatalog.Exec, BackendKind.Bcc).Arguments(new(null, null), Run));
        Assert.Equal(["-T", "-w"], Backend(ToolCatalog.TcpSession, BackendKind.Libbpf).Arguments(new(null, null, null, null), Run));
        Assert.Equal(["-T", "-w"], Backend(ToolCatalog.TcpSession, BackendKind.Bcc).Arguments(new(null, null, null, null), Run));
        Assert.Empty(Backend(ToolCatalog.TcpRetransmit, BackendKind.Bcc).Arguments(new(null, false), Run));
        Assert.Equal(["-Q"], Backend(ToolCatalog.DiskIo, BackendKind.Bcc).Arguments(new(null, null, true), Run));
        Assert.Equal(["10"], Backend(ToolCatalog.SlowFileOperationOn("ext4"), BackendKind.Bcc).Arguments(new("ext4", TimeSpan.FromMilliseconds(10), null), Run));
    }

    /// <summary>Every bundled program, with the arguments its backend builds for a limited run and for an open-ended one.</summary>
    public static TheoryData<string, string[], string[]> BpftracePrograms()
    {
        static (string, string[], string[]) Row<TOptions, TRecord>(ToolSpec<TOptions, TRecord> tool, TOptions options) where TRecord : class
        {
            var bpftrace = Backend(tool, BackendKind.Bpftrace);
            return (bpftrace.Program!, [.. bpftrace.Arguments(options, Run)], [.. bpftrace.Arguments(options)]);
        }
        var rows = new[]
        {
            Row(ToolCatalog.Exec, new ExecOptions(null, null)),
            Row(ToolCatalog.Open, new OpenOptions(null, null, null, false)),
            Row(ToolCatalog.DiskIo, new DiskIoOptions(null, null, false)),
            Row(ToolCatalog.TcpSession, new TcpSessionOptions(null, null, null, null)),
            Row(ToolCatalog.TcpRetransmit, new TcpRetransmitOptions(null, false)),
            Row(ToolCatalog.DiskLatency, new DiskLatencyOptions(null, false, false, false, false, null)),
            Row(ToolCatalog.RunQueueLatency, new RunQueueLatencyOptions(null, false, false, false, null)),
            Row(ToolCatalog.CpuProfile, new CpuProfileOptions(49, null, false, false, Run)),
            Row(ToolCatalog.CpuTimeDistribution, new CpuTimeDistributionOptions(null, false, false, false, false, null)),
            Row(ToolCatalog.DiskIoSize, new DiskIoSizeOptions(null, null, null, null)),
        };
        var data = new TheoryData<string, string[], string[]>();
        foreach (var (program, limited, open) in rows)
        {
            data.Add(program, limited, open);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BpftracePrograms))]
    public void Each_bundled_program_ends_itself_at_the_limit_its_last_parameter_carries(string program, string[] limited, string[] open)
    {
        Assert.Equal("15", limited[^1]);
        Assert.Equal("-1", open[^1]);
        Assert.Equal(limited[..^1], open[..^1]);
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", program));
        var n = limited.Length;
        Assert.Matches(new Regex($@"^interval:s:1 / \${n} > 0 && elapsed >= \(uint64\)\${n} \* 1000000000 / {{ exit\(\); }}$", RegexOptions.Multiline), text);
        Assert.DoesNotMatch(new Regex($@"\${n + 1}\b"), text);
    }
}
