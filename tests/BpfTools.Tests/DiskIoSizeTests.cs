using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Get-BpfDiskIoSize's catalog entry and its parsers on bitesize's captured output.</summary>
public class DiskIoSizeTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 3, 7, 300, DateTimeKind.Local);
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(4.2);

    private static BackendSpec<DiskIoSizeOptions, BpfHistogram> Backend(BackendKind kind) =>
        ToolCatalog.DiskIoSize.Backends.Single(b => b.Kind == kind);

    private static (List<BpfHistogram> Histograms, ParseStats Stats) Parse(BackendKind kind, string fixture) =>
        Parse(kind, Fixtures.Lines(fixture));

    private static (List<BpfHistogram> Histograms, ParseStats Stats) Parse(BackendKind kind, IEnumerable<string> lines)
    {
        var parser = Backend(kind).CreateParser(new FixedClock(ReadAt, 22_213_000_000_000));
        return (Fixtures.ParseAll(parser, lines), parser.Stats);
    }

    [Fact]
    public void Auto_order_is_libbpf_then_bcc_then_bpftrace_all_on_tracepoints()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.DiskIoSize.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.DiskIoSize, ToolCatalog.All);
        Assert.All(ToolCatalog.DiskIoSize.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
    }

    [Fact]
    public void Libbpf_takes_name_disk_interval_and_count()
    {
        Assert.Equal(["-T"], Backend(BackendKind.Libbpf).Arguments(new(null, null, null, null)));
        Assert.Equal(["-T", "15", "1"], Backend(BackendKind.Libbpf).Arguments(new(null, null, null, null), Run));
        Assert.Equal(["-T", "-c", "dd with space", "-d", "vda", "1", "15"],
            Backend(BackendKind.Libbpf).Arguments(new(1, "vda", 266338304, "dd with space"), Run));
    }

    [Fact]
    public void Bcc_takes_nothing_and_is_left_out_where_a_disk_or_an_interval_is_asked()
    {
        Assert.Empty(Backend(BackendKind.Bcc).Arguments(new(null, null, null, "dd"), Run));
        Assert.Same(ToolCatalog.DiskIoSize, ToolCatalog.DiskIoSizeFor(new(null, null, null, "dd")));
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bpftrace],
            ToolCatalog.DiskIoSizeFor(new(null, "vda", 266338304, null)).Backends.Select(b => b.Kind));
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bpftrace], ToolCatalog.DiskIoSizeFor(new(1, null, null, null)).Backends.Select(b => b.Kind));
    }

    [Fact]
    public void Bpftrace_takes_interval_disk_number_name_switch_name_and_limit()
    {
        var bpftrace = Backend(BackendKind.Bpftrace);
        Assert.Equal("bitesize.bt", bpftrace.Program);
        Assert.Equal(["86400", "-1", "0", "", "-1"], bpftrace.Arguments(new(null, null, null, null)));
        Assert.Equal(["2", "266338304", "1", "dd with space", "15"], bpftrace.Arguments(new(2, "vda", 266338304, "dd with space"), Run));
    }

    [Fact]
    public void Captured_sigint_histograms_are_keyed_by_process_name_in_kbytes()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/bitesize-libbpf-sigint.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(9, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("bitesize", "comm", "kbytes"), (h.Tool, h.KeyKind, h.Unit)));
        var spaced = histograms.Single(h => h.Key == "bio with space");
        Assert.Equal(34 + 1 + 1 + 7, spaced.Count);
        Assert.Equal((512, 1023, 7), (spaced.Buckets[^1].Low, spaced.Buckets[^1].High, spaced.Buckets[^1].Count));
        Assert.Equal(200, histograms.Single(h => h.Key == "python3").Buckets[3].Count);
    }

    [Fact]
    public void Captured_intervals_end_at_their_timestamps_and_keep_a_cut_thread_name()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/bitesize-libbpf-T-i1-c2.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(6, histograms.Count(h => h.End == new DateTime(2026, 11, 30, 15, 3, 5, DateTimeKind.Local)));
        Assert.Contains(histograms, h => h.Key == ".NET Tiered Com" && h.Count == 9);
        var second = histograms.Where(h => h.End == new DateTime(2026, 11, 30, 15, 3, 6, DateTimeKind.Local)).ToList();
        Assert.Equal(["python3", "dd", "kworker/1:1H", "kworker/0:1H"], second.Select(h => h.Key));
        Assert.All(second, h => Assert.Equal(new DateTime(2026, 11, 30, 15, 3, 5, DateTimeKind.Local), h.Start));
    }

    [Fact]
    public void Captured_name_filter_with_spaces()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, "captured/bitesize-libbpf-c-sigint.txt");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal("bio with space", Assert.Single(histograms).Key);
    }

    [Fact]
    public void Captured_bpftrace_windows_in_kbytes_keyed_by_name()
    {
        var (histograms, stats) = Parse(BackendKind.Bpftrace, "captured/bitesize-bpftrace-c-i1.json");
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(2, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(("bitesize", "comm", "dd with space", "kbytes"), (h.Tool, h.KeyKind, h.Key, h.Unit)));
        Assert.Equal((16, 31, 64), (histograms[0].Buckets[2].Low, histograms[0].Buckets[2].High, histograms[0].Buckets[2].Count));
        Assert.Equal(histograms[0].End, histograms[1].Start);
        var (disk, diskStats) = Parse(BackendKind.Bpftrace, "captured/bitesize-bpftrace-d-i1.json");
        Assert.Equal(0, diskStats.Unparsed);
        Assert.Contains(disk, h => h.Key == "kworker/0:2H");
    }

    [Fact]
    public void Odd_key_lines_and_an_unknown_unit_index()
    {
        var (histograms, stats) = Parse(BackendKind.Libbpf, new[]
        {
            "Process Name = a = b",
            "     Kbytes              : count    distribution",
            "         4 -> 7          : 2        |****************************************|",
            "Process Name =",
            "     Kbytes              : count    distribution",
            "         4 -> 7          : 1        |****************************************|",
            "Process Nam = x",
        });
        Assert.Equal(["a = b", ""], histograms.Select(h => h.Key));
        Assert.Equal(1, stats.Unparsed);
        var parser = Backend(BackendKind.Bpftrace).CreateParser(new FixedClock(ReadAt, 0));
        Assert.Empty(Fixtures.ParseAll(parser, ["""{"type": "value", "data": ["end",5,1]}""", """{"type": "value", "data": ["end",6,-1]}"""]));
        Assert.Equal(2, parser.Stats.Unparsed);
    }
}
