using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class DiskPatternTextParserTests
{
    private static readonly DateTime Arrival = new(2026, 11, 30, 15, 3, 30, 250, DateTimeKind.Local);

    private static (List<DiskPatternSample> Rows, DiskPatternTextParser Parser) Parse(string fixture)
    {
        var parser = new DiskPatternTextParser(new FixedClock(Arrival, 0));
        return (Fixtures.ParseAll(parser, Fixtures.Lines("captured/" + fixture)), parser);
    }

    [Fact]
    public void With_T_each_time_opens_a_window_that_starts_where_the_last_ended()
    {
        var (rows, parser) = Parse("biopattern-libbpf-T-i1-c3.txt");
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal(("vda", 11, 88, 396L, 12936L * 1024), (first.Disk, first.RandomPercent, first.SequentialPercent, first.Count, first.Bytes));
        Assert.Equal((Arrival, Arrival.Date + new TimeSpan(15, 3, 31)), (first.Start, first.End));
        Assert.Equal((first.End, first.End.AddSeconds(1)), (rows[1].Start, rows[1].End));
        Assert.Equal((100, 0), (rows[1].RandomPercent, rows[1].SequentialPercent));
    }

    [Fact]
    public void A_disk_printed_twice_in_one_second_is_two_windows_not_one()
    {
        // The last interval's print and the one at Ctrl-C fell in the same second in a CI run: same printed time.
        var parser = new DiskPatternTextParser(new FixedClock(Arrival, 0));
        var rows = Fixtures.ParseAll(parser,
        [
            "15:03:31  vda        11    88      396      12936",
            "15:03:31  vdb         0   100        2          8",
            "15:03:31  vda        50    50        4         16",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(3, rows.Count);
        Assert.Equal((rows[0].Start, rows[0].End), (rows[1].Start, rows[1].End));
        Assert.Equal(rows[0].End, rows[2].Start);
        Assert.True(rows[2].End >= rows[2].Start);
    }

    [Fact]
    public void Without_T_one_table_at_SIGINT_and_rows_that_cannot_be_told_apart()
    {
        var (rows, parser) = Parse("biopattern-libbpf-sigint.txt");
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("vda", 42, 57, 604L, 15660L * 1024), (Assert.Single(rows).Disk, rows[0].RandomPercent, rows[0].SequentialPercent, rows[0].Count, rows[0].Bytes));
        var (two, _) = Parse("biopattern-libbpf-d-vda-i1-c2.txt");
        Assert.Equal([376L, 200L], two.Select(r => r.Count));
    }

    [Theory]
    [InlineData("vda        42    57      604")]
    [InlineData("vda        42    57      604      15660 x")]
    [InlineData("vda        142    57      604      15660")]
    [InlineData("vda        -4    57      604      15660")]
    [InlineData("15:03:31  vda")]
    [InlineData("25:03:31  vda        11    88      396      12936")]
    [InlineData("garbage")]
    public void Garbage_and_truncated_rows_are_counted_never_thrown_on(string line)
    {
        var parser = new DiskPatternTextParser();
        var rows = new List<DiskPatternSample>();
        Assert.Equal(LineKind.Unparsable, parser.Parse(line, rows));
        Assert.Empty(rows);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}

public class BpftraceDiskPatternParserTests
{
    private static readonly FixedClock Clock = new(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Local), 22_920_000_000_000);

    [Fact]
    public void Each_window_s_maps_become_a_sample_per_disk_and_empty_windows_none()
    {
        // biopattern.bt, 1 s windows, vda (254:0) while a dd copy wrote sequentially and python read at random (O_DIRECT).
        var parser = new BpftraceDiskPatternParser(dev => dev == 266338304 ? "vda" : "?", Clock);
        var rows = Fixtures.ParseAll(parser, Fixtures.Lines("captured/biopattern-bpftrace-i1.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Empty(parser.Stats.Warnings);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal("vda", r.Disk));
        // 24 random and 60 sequential: 28% and 71%, rounded down as biopattern does.
        Assert.Equal((28, 71, 84L, 4636672L), (rows[1].RandomPercent, rows[1].SequentialPercent, rows[1].Count, rows[1].Bytes));
        // The second window had no I/O and gave no sample: the next one starts where that empty window ended.
        Assert.Equal((Clock.FromMonotonic(22911772327050), Clock.FromMonotonic(22912772323660)), (rows[1].Start, rows[1].End));
        Assert.Equal((3, 96, 129L), (rows[4].RandomPercent, rows[4].SequentialPercent, rows[4].Count));
    }

    [Fact]
    public void A_bad_key_is_counted_and_a_cut_window_warned_about()
    {
        var parser = new BpftraceDiskPatternParser(_ => "vda", Clock);
        var rows = Fixtures.ParseAll(parser, [
            """{"type": "value", "data": ["start",22910000000000]}""",
            """{"type": "map", "data": {"@random": {"x": 3, "266338304": 1}}}""",
            """{"type": "map", "data": {"@sequential": {"266338304": 3}}}""",
            """{"type": "value", "data": ["end",22911000000000]}""",
            """{"type": "map", "data": {"@random": {"266338304": 1}}}""",
        ]);
        Assert.Equal((25, 75, 4L, 0L), (Assert.Single(rows).RandomPercent, rows[0].SequentialPercent, rows[0].Count, rows[0].Bytes));
        Assert.Equal(1, parser.Stats.Unparsed);
        Assert.Single(parser.Stats.Warnings);
    }
}

public class DiskPatternCatalogTests
{
    private static IReadOnlyList<string> Arguments(BackendKind kind, DiskPatternOptions options, TimeSpan? duration = null) =>
        ToolCatalog.DiskPattern.Backends.Single(b => b.Kind == kind).Arguments(options, duration);

    [Fact]
    public void Libbpf_then_bpftrace_on_block_tracepoints()
    {
        Assert.Equal(("biopattern", "Get-BpfDiskPattern"), (ToolCatalog.DiskPattern.Name, ToolCatalog.DiskPattern.Cmdlet));
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bpftrace], ToolCatalog.DiskPattern.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.DiskPattern.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
        Assert.Equal("biopattern.bt", ToolCatalog.DiskPattern.Backends[1].Program);
        Assert.Single(ToolCatalog.All, t => t.Name == "biopattern");
    }

    [Fact]
    public void Libbpf_always_gets_T_the_disk_and_interval_and_count()
    {
        Assert.Equal(["-T", "20", "1"], Arguments(BackendKind.Libbpf, new DiskPatternOptions(), TimeSpan.FromSeconds(10)));
        Assert.Equal(["-T", "-d", "vda", "2", "10"], Arguments(BackendKind.Libbpf, new DiskPatternOptions(2, "vda"), TimeSpan.FromSeconds(10)));
        Assert.Equal(["-T", "3"], Arguments(BackendKind.Libbpf, new DiskPatternOptions(3)));
    }

    [Fact]
    public void Bpftrace_gets_the_disk_s_dev_t_or_minus_one_the_window_and_the_limit()
    {
        Assert.Equal(["-1", "86400", "20"], Arguments(BackendKind.Bpftrace, new DiskPatternOptions(), TimeSpan.FromSeconds(10)));
        Assert.Equal(["-1", "5", "-1"], Arguments(BackendKind.Bpftrace, new DiskPatternOptions(5)));
        var disk = Directory.GetFileSystemEntries("/sys/block").Select(Path.GetFileName).First()!;
        var dev = Locator.BlockDevices.NumberOf(disk)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([dev, "1", "-1"], Arguments(BackendKind.Bpftrace, new DiskPatternOptions(1, disk)));
    }
}
