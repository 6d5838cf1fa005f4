using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Get-BpfCpuTimeDistribution's catalog entry and its parsers on cpudist's captured output.</summary>
public class CpuTimeDistributionTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 2, 24, 100, DateTimeKind.Local);

    private static BackendSpec<CpuTimeDistributionOptions, BpfHistogram> Backend(BackendKind kind) =>
        ToolCatalog.CpuTimeDistribution.Backends.Single(b => b.Kind == kind);

    private static CpuTimeDistributionOptions Options(int? interval = null, bool ms = false, bool off = false,
        bool perProcess = false, bool perThread = false, int? pid = null) => new(interval, ms, off, perProcess, perThread, pid);

    private static (List<BpfHistogram> Histograms, ParseStats Stats) Parse(BackendKind kind, string fixture)
    {
        var parser = Backend(kind).CreateParser(new FixedClock(ReadAt, 21_130_000_000_000));
        return (Fixtures.ParseAll(parser, Fixtures.Lines(fixture)), parser.Stats);
    }

    [Fact]
    public void Auto_order_is_libbpf_then_bcc_then_bpftrace_and_bcc_needs_kprobes()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.CpuTimeDistribution.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.CpuTimeDistribution, ToolCatalog.All);
        Assert.Equal(ProbeKind.Kprobe, Backend(BackendKind.Bcc).Probes);
        Assert.Equal(ProbeKind.Tracepoint, Backend(BackendKind.Libbpf).Probes);
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void Options_become_cpudist_flags_with_interval_and_count(BackendKind kind)
    {
        var run = TimeSpan.FromSeconds(4.2);
        Assert.Equal(["-T"], Backend(kind).Arguments(Options()));
        Assert.Equal(["-T", "15", "1"], Backend(kind).Arguments(Options(), run));
        Assert.Equal(["-T", "-O", "-m", "-P", "-p", "42", "1", "15"], Backend(kind).Arguments(Options(1, true, true, true, pid: 42), run));
        Assert.Equal(["-T", "-L"], Backend(kind).Arguments(Options(perThread: true)));
    }

    [Fact]
    public void Bpftrace_takes_interval_grouping_direction_unit_pid_and_limit()
    {
        var bpftrace = Backend(BackendKind.Bpftrace);
        Assert.Equal("cpudist.bt", bpftrace.Program);
        Assert.Equal(["86400", "0", "0", "0", "-1", "-1"], bpftrace.Arguments(Options()));
        Assert.Equal(["2", "1", "1", "1", "42", "15"], bpftrace.Arguments(Options(2, true, true, true, pid: 42), TimeSpan.FromSeconds(4.2)));
        Assert.Equal("2", bpftrace.Arguments(Options(perThread: true))[1]);
    }

    [Fact]
    public void Captured_whole_host_histogram_read_at_sigint()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/cpudist-libbpf-sigint.txt");
        Assert.Equal(0, stats.Unparsed);
        var h = Assert.Single(histograms);
        Assert.Equal(("cpudist", "", "", "usecs"), (h.Tool, h.KeyKind, h.Key, h.Unit));
        Assert.Equal(16, h.Buckets.Count);
        Assert.Equal(5725, h.Buckets[1].Count);
        Assert.Equal(65535, h.Max);
    }

    [Fact]
    public void Captured_off_cpu_milliseconds_intervals_end_at_their_timestamps()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/cpudist-libbpf-OmT-i1-c2.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(2, histograms.Count);
        Assert.All(histograms, h => Assert.Equal("msecs", h.Unit));
        Assert.Equal(new DateTime(2026, 11, 30, 15, 2, 22, DateTimeKind.Local), histograms[0].End);
        Assert.Equal(histograms[0].End, histograms[1].Start);
        Assert.Equal(3628, histograms[1].Buckets[0].Count);
        Assert.Equal(2047, histograms[1].Max);
    }

    [Fact]
    public void Captured_per_process_keys_keep_names_with_spaces_and_a_pid_renamed_between_intervals()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/cpudist-libbpf-P-i1-c2.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.All(histograms, h => Assert.Equal("pid", h.KeyKind));
        Assert.Contains(histograms, h => h.Key.StartsWith("12900 open with space", StringComparison.Ordinal));
        Assert.Contains(histograms, h => h.Key == "12915 pwsh" && h.Count == 105 + 2 + 4 + 1 + 9 + 14 + 16 + 25 + 15 + 22 + 34 + 13 + 7 + 2);
        Assert.Contains(histograms, h => h.Key == "12915 dotnet");
        Assert.Contains(histograms, h => h.Key == "0 swapper/0");
    }

    [Fact]
    public void Captured_per_thread_of_one_process()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/cpudist-libbpf-L-p-i1-c2.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(2, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("tid", "13129 open with space"), (h.KeyKind, h.Key)));
        Assert.Equal(9, histograms[0].Count);
    }

    [Fact]
    public void Captured_bpftrace_per_process_keys_read_like_the_tools()
    {
        var (histograms, stats) = Parse(BackendKind.Bpftrace, "captured/cpudist-bpftrace-P-p-i1.json");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(3, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("cpudist", "pid", "23444 burn-hists", "usecs"), (h.Tool, h.KeyKind, h.Key, h.Unit)));
        Assert.All(histograms, h => Assert.True(h.Count > 0));
        Assert.Equal(histograms[0].End, histograms[1].Start);
    }

    [Fact]
    public void Captured_bpftrace_off_cpu_threads_in_milliseconds_keep_spaces_and_split_at_the_first_comma_only()
    {
        var (histograms, stats) = Parse(BackendKind.Bpftrace, "captured/cpudist-bpftrace-OLm-i1.json");
        Assert.Equal(0, stats.Unparsed);
        Assert.All(histograms, h => Assert.Equal(("tid", "msecs"), (h.KeyKind, h.Unit)));
        Assert.Contains(histograms, h => h.Key == "23740 .NET Long Runni");
        var parser = Backend(BackendKind.Bpftrace).CreateParser(new FixedClock(ReadAt, 0));
        var odd = Fixtures.ParseAll(parser,
        [
            """{"type": "value", "data": ["end",5,0]}""",
            """{"type": "hist", "data": {"@tid": {"7,a,b c": [{"min": 0, "max": 0, "count": 1}]}}}""",
            """{"type": "hist", "data": {"@tid": """,
            "garbage",
        ]);
        Assert.Equal("7 a,b c", Assert.Single(odd).Key);
        Assert.Equal(2, parser.Stats.Unparsed);
    }
}
