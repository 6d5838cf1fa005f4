using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class DiskIoTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 46, 25, 0, DateTimeKind.Local);

    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private static (List<DiskIoEvent> Events, ParseStats Stats) Parse(IEnumerable<string> lines)
    {
        var parser = new DiskIoTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser.Stats);
    }

    [Fact]
    public void Published_bcc_capture_parses_every_row()
    {
        var lines = Fixtures.Lines("bcc-examples/biosnoop.txt");
        var parser = new DiskIoTextParser(new FixedClock(ReadAt, 0));
        Assert.Equal(LineKind.Ready, parser.Parse(lines[0], []));
        var events = Fixtures.ParseAll(parser, lines.Skip(1));
        Assert.Equal(lines.Skip(1).Count(l => l.Length > 0), events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.All(events, e => Assert.Equal(DiskOperation.Write, e.Operation));
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.QueueTime));
    }

    [Fact]
    public void Published_bcc_capture_has_exact_values()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/biosnoop.txt"));
        var first = events[0];
        Assert.Equal(("supervise", 1950, "xvda1", "W", 13092560L, 4096L), (first.ProcessName, first.ProcessId, first.Disk, first.Rwbs, first.Sector, first.Bytes));
        Assert.Equal(Ms(0.74), first.Latency);
        // Seconds from the time base, dated when the first event is read (bcc printed 0.000004 for it).
        Assert.Equal(ReadAt + TimeSpan.FromTicks(40), first.Timestamp);
        var small = Assert.Single(events, e => e.Bytes == 512);
        Assert.Equal(("xfsaild/md0", 456, "xvdb", 62901513L), (small.ProcessName, small.ProcessId, small.Disk, small.Sector));
        Assert.Equal(ReadAt + TimeSpan.FromTicks(20_039_310), small.Timestamp);
        Assert.Equal(Ms(0.25), small.Latency);
        Assert.Equal(65536, events.Single(e => e.ProcessName == "kworker/0:3").Bytes);
    }

    [Fact]
    public void Published_bcc_queue_capture_reads_the_queue_column()
    {
        var (events, stats) = Parse(Fixtures.Lines("bcc-examples/biosnoop-Q.txt"));
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(6, events.Count);
        Assert.Equal(("kworker/u72:1", 13379, "nvme1n1", Ms(0.01), Ms(0.55)),
            (events[0].ProcessName, events[0].ProcessId, events[0].Disk, events[0].QueueTime, events[0].Latency));
        // The name printf cut to 14 characters.
        Assert.Equal("xfsaild/nvme1n", events[2].ProcessName);
        Assert.Equal(3072, events[1].Bytes);
        Assert.Equal(TimeSpan.Zero, events[5].QueueTime);
    }

    [Fact]
    public void Libbpf_layout_with_rwbs_long_pids_names_with_spaces_and_unknown_disk()
    {
        // Made with the printf formats of libbpf-tools/biosnoop.c ("%-11.6f %-14.14s %-7d %-7s %-4s %-10lld %-7d "
        // then "%7.3f"), from values seen on this machine: libbpf-tools' biosnoop cannot load on this kernel.
        var (events, stats) = Parse(
        [
            "TIME(s)     COMM           PID     DISK    T    SECTOR     BYTES   LAT(ms)",
            "0.000000    dd             3136    vda     WS   170154056  4096      0.258",
            "0.000412    dd with space  4194304 vda     FWFSM 27301888   1048576  12.500",
            "1.500000    Pipeline Execu 29780   Unknown N    0          0         0.031",
        ]);
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal(("dd", 3136, "vda", "WS", DiskOperation.Write, Ms(0.258)),
            (events[0].ProcessName, events[0].ProcessId, events[0].Disk, events[0].Rwbs, events[0].Operation, events[0].Latency));
        Assert.Equal(("dd with space", 4194304, "FWFSM", DiskOperation.Write, 1048576L, Ms(12.5)),
            (events[1].ProcessName, events[1].ProcessId, events[1].Rwbs, events[1].Operation, events[1].Bytes, events[1].Latency));
        Assert.Equal(ReadAt + TimeSpan.FromTicks(4120), events[1].Timestamp);
        Assert.Equal(("Pipeline Execu", "Unknown", DiskOperation.Other), (events[2].ProcessName, events[2].Disk, events[2].Operation));
    }

    [Fact]
    public void Libbpf_queue_column_and_its_minus_one_for_a_missed_insert()
    {
        var (events, stats) = Parse(
        [
            "TIME(s)     COMM           PID     DISK    T    SECTOR     BYTES   QUE(ms) LAT(ms)",
            "2.250000    kworker/u8:3   88      vda     WM   169921952  8192      0.011   0.274",
            "2.250000    kworker/u8:3   88      vda     WM   169921952  8192     -1.000   0.274",
        ]);
        Assert.Equal(0, stats.Unparsed);
        Assert.Equal((Ms(0.011), Ms(0.274), 169921952L, 8192L), (events[0].QueueTime, events[0].Latency, events[0].Sector, events[0].Bytes));
        Assert.Equal(TimeSpan.Zero, events[1].QueueTime);
        Assert.Equal(Ms(0.274), events[1].Latency);
    }

    [Fact]
    public void Old_bcc_request_without_disk_or_process_still_parses()
    {
        // tools/biosnoop.py before its -d option: "%-11.6f %-14.14s %-6s %-7s %-1s %-10s %-7s" and "%7.2f", with an
        // empty disk name and "?" for a request whose start it missed.
        var e = Assert.Single(Parse(["0.500000    ?              0              R 0          4096      0.10"]).Events);
        Assert.Equal(("?", 0, "", DiskOperation.Read, 4096L, Ms(0.1)), (e.ProcessName, e.ProcessId, e.Disk, e.Operation, e.Bytes, e.Latency));
    }

    [Fact]
    public void Garbage_and_a_truncated_last_line_are_counted_not_thrown()
    {
        var lines = Fixtures.Lines("bcc-examples/biosnoop.txt").Where(l => l.Length > 0).ToList();
        var (events, stats) = Parse([.. lines, "", "garbage", "Possibly lost 2 samples", "2.044574    supervise      1950   xvda1   W 13189"]);
        Assert.Equal(lines.Count - 1, events.Count);
        Assert.Equal(3, stats.Unparsed);
        Assert.Equal("2.044574    supervise      1950   xvda1   W 13189", stats.UnparsedSamples[^1]);
    }
}

public class BpftraceDiskIoParserTests
{
    private const long Vda = 254L << 20;
    private static readonly DateTime Now = new(2026, 11, 23, 22, 40, 0, DateTimeKind.Local);
    private const long NowMonotonic = 6_446_000_000_000;

    private static string Name(long dev) => dev == Vda ? "vda" : BlockDevices.MajorMinor(dev);

    private static (List<DiskIoEvent> Events, ParseStats Stats, string[] Lines) ParseCapture()
    {
        var parser = new BpftraceDiskIoParser(new FixedClock(Now, NowMonotonic), Name);
        var lines = Fixtures.Lines("captured/biosnoop-bpftrace-Q.json");
        return (Fixtures.ParseAll(parser, lines), parser.Stats, lines);
    }

    [Fact]
    public void Captured_bpftrace_json_gives_one_event_per_request()
    {
        var (events, stats, lines) = ParseCapture();
        Assert.Equal(lines.Count(l => l.Contains("[\"io\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e => Assert.Equal("vda", e.Disk));
        Assert.All(events, e => Assert.True(e.Latency > TimeSpan.Zero));
        Assert.All(events, e => Assert.NotEqual(DiskOperation.Unknown, e.Operation));
    }

    [Fact]
    public void Captured_direct_write_has_exact_values()
    {
        var (events, _, _) = ParseCapture();
        // ["io",266338304,170141648,4096,"WS",30491,"dd",6444056972528,309240,64402]
        var first = events.First(e => e.ProcessName == "dd");
        Assert.Equal((30491, "vda", 170141648L, 4096L, "WS", DiskOperation.Write), (first.ProcessId, first.Disk, first.Sector, first.Bytes, first.Rwbs, first.Operation));
        Assert.Equal(TimeSpan.FromTicks(3092), first.Latency);
        Assert.Equal(TimeSpan.FromTicks(644), first.QueueTime);
        Assert.Equal(Now - TimeSpan.FromTicks((NowMonotonic - 6444056972528) / 100), first.Timestamp);
        Assert.Equal(16, events.Count(e => e.ProcessName == "dd" && e.Rwbs == "WS"));
        var read = Assert.Single(events, e => e.ProcessName == "dd" && e.Operation == DiskOperation.Read);
        Assert.Equal(("RS", 65536L), (read.Rwbs, read.Bytes));
    }

    [Fact]
    public void Captured_names_with_spaces_discards_and_metadata_writes()
    {
        var (events, _, _) = ParseCapture();
        var big = Assert.Single(events, e => e.ProcessName == "dd with space");
        Assert.Equal((1048576L, DiskOperation.Write), (big.Bytes, big.Operation));
        Assert.Contains(events, e => e.ProcessName == "rm" && e.Rwbs == "DS" && e.Operation == DiskOperation.Discard);
        Assert.Contains(events, e => e.ProcessName == "sync" && e.Rwbs == "WSM" && e.Operation == DiskOperation.Write);
        Assert.Contains(events, e => e.ProcessName == "Pipeline Execut");
        Assert.Contains(events, e => e.Rwbs == "RA" && e.Operation == DiskOperation.Read);
    }

    [Fact]
    public void Unmeasured_queue_time_is_zero_and_unknown_device_keeps_its_number()
    {
        var parser = new BpftraceDiskIoParser(new FixedClock(Now, NowMonotonic), Name);
        var e = Assert.Single(Fixtures.ParseAll(parser, ["""{"type": "value", "data": ["io",8388609,0,0,"FF",0,"",6444056972528,1500,-1]}"""]));
        Assert.Equal(("8:1", DiskOperation.Flush, TimeSpan.Zero, TimeSpan.FromTicks(15)), (e.Disk, e.Operation, e.QueueTime, e.Latency));
    }

    [Fact]
    public void Wrong_shaped_tuples_are_counted()
    {
        var parser = new BpftraceDiskIoParser(new FixedClock(Now, 0), Name);
        var output = new List<DiskIoEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["io",1,2]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["what",1,2,3,"W",5,"x",7,8,9]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["io","x",2,3,"W",5,"x",7,8,9]}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 4}}""", output));
        Assert.Empty(output);
        Assert.Equal((3L, 4L), (parser.Stats.Unparsed, parser.Stats.LostEvents));
    }
}

public class RwbsTests
{
    [Theory]
    [InlineData("R", DiskOperation.Read)]
    [InlineData("RA", DiskOperation.Read)]
    [InlineData("RSM", DiskOperation.Read)]
    [InlineData("W", DiskOperation.Write)]
    [InlineData("WS", DiskOperation.Write)]
    [InlineData("FWFSM", DiskOperation.Write)]
    [InlineData("WFS", DiskOperation.Write)]
    [InlineData("F", DiskOperation.Flush)]
    [InlineData("FF", DiskOperation.Flush)]
    [InlineData("FS", DiskOperation.Flush)]
    [InlineData("D", DiskOperation.Discard)]
    [InlineData("DS", DiskOperation.Discard)]
    [InlineData("DE", DiskOperation.SecureErase)]
    [InlineData("WZ", DiskOperation.WriteZeroes)]
    [InlineData("ZA", DiskOperation.ZoneAppend)]
    [InlineData("ZRA", DiskOperation.ZoneReset)]
    [InlineData("ZC", DiskOperation.ZoneClose)]
    [InlineData("N", DiskOperation.Other)]
    [InlineData("", DiskOperation.Unknown)]
    [InlineData("X", DiskOperation.Unknown)]
    public void Operation_is_read_from_the_rwbs_text(string rwbs, DiskOperation expected) => Assert.Equal(expected, Rwbs.Operation(rwbs));
}

public class BlockDevicesTests
{
    [Fact]
    public void Dev_t_is_major_shifted_by_twenty_bits_and_minor()
    {
        Assert.Equal(266338304, BlockDevices.DevT(254, 0));
        Assert.Equal("254:0", BlockDevices.MajorMinor(266338304));
        Assert.Equal("8:17", BlockDevices.MajorMinor(BlockDevices.DevT(8, 17)));
    }

    [Fact]
    public void A_number_without_device_is_named_by_its_number()
    {
        Assert.Equal("4095:1048575", BlockDevices.NameOf(BlockDevices.DevT(4095, 1048575)));
        Assert.False(BlockDevices.TryFind("bpftools-no-such-disk", out _, out _));
        Assert.False(BlockDevices.TryFind("../vda", out _, out _));
    }

    [Fact]
    public void Every_listed_partition_round_trips_between_name_and_number()
    {
        // /proc/partitions: "major minor #blocks name".
        var rows = File.Exists("/proc/partitions")
            ? File.ReadLines("/proc/partitions").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 4).ToList()
            : [];
        foreach (var row in rows)
        {
            var devT = BlockDevices.DevT(int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(row[3], BlockDevices.NameOf(devT));
            Assert.True(BlockDevices.TryFind(row[3], out var found, out _));
            Assert.Equal(devT, found);
        }
    }
}
