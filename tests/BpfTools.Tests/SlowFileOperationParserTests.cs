using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SlowFileOperationTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 35, 9, 400, DateTimeKind.Local);

    private static (List<SlowFileOperationEvent> Events, ParseStats Stats, List<string> Lines) Parse(string fixture, string fileSystem)
    {
        var parser = new SlowFileOperationTextParser(fileSystem, new FixedClock(ReadAt, 0));
        var lines = Fixtures.Lines(fixture).ToList();
        return (Fixtures.ParseAll(parser, lines), parser.Stats, lines);
    }

    private static SlowFileOperationEvent ParseOne(string line)
    {
        var parser = new SlowFileOperationTextParser("ext4", new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser, [line]);
        Assert.Equal(0, parser.Stats.Unparsed);
        return Assert.Single(events);
    }

    [Theory]
    [InlineData("bcc-examples/ext4slower.txt", "ext4", 104)]
    [InlineData("bcc-examples/xfsslower.txt", "xfs", 59)]
    [InlineData("published/fsslower-libbpf-bcc-pr3458.txt", "ext4", 1)]
    [InlineData("transcribed/fsslower-libbpf-from-ext4slower-example.txt", "ext4", 56)]
    public void Every_row_parses_and_only_the_banners_and_headers_do_not(string fixture, string fileSystem, int rows)
    {
        var (events, stats, lines) = Parse(fixture, fileSystem);
        var nonEmpty = lines.Count(l => l.Length > 0);
        var banners = lines.Count(l => l.StartsWith("Tracing ", StringComparison.Ordinal));
        Assert.Equal(rows, events.Count);
        Assert.Equal(nonEmpty - 2 * banners, events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e => Assert.Equal(fileSystem, e.FileSystem));
    }

    [Fact]
    public void Header_means_ready_and_banner_is_ignored()
    {
        var parser = new SlowFileOperationTextParser("ext4");
        var output = new List<SlowFileOperationEvent>();
        Assert.Equal(LineKind.Ignored, parser.Parse("Tracing ext4 operations slower than 10 ms", output));
        Assert.Equal(LineKind.Ready, parser.Parse("TIME     COMM           PID    T BYTES   OFF_KB   LAT(ms) FILENAME", output));
        Assert.Equal(LineKind.Ignored, parser.Parse("Tracing ext4 operations slower than 1 ms for 20 secs.", output));
        Assert.Equal(LineKind.Ready, parser.Parse("TIME     COMM             PID     T BYTES   OFF_KB   LAT(ms) FILENAME", output));
        Assert.Empty(output);
    }

    [Fact]
    public void Bcc_row_offset_becomes_bytes_and_latency_a_timespan()
    {
        var (events, _, _) = Parse("bcc-examples/ext4slower.txt", "ext4");
        // "06:49:17 cksum          3616   R 65536   128        44.25 aptitude-curses"
        var e = Assert.Single(events, e => e.FileName == "aptitude-curses" && e.Offset != 0 && e.Latency > TimeSpan.FromMilliseconds(40));
        Assert.Equal("cksum", e.ProcessName);
        Assert.Equal(3616, e.ProcessId);
        Assert.Equal(FileOperation.Read, e.Operation);
        Assert.Equal(65536, e.Bytes);
        Assert.Equal(128 * 1024, e.Offset);
        Assert.Equal(TimeSpan.FromTicks(442_500), e.Latency);
        Assert.Equal(44.25, e.Latency.TotalMilliseconds);
        Assert.Equal(new DateTime(2026, 11, 23, 6, 49, 17, DateTimeKind.Local), e.Timestamp);
    }

    [Fact]
    public void Bcc_opens_writes_and_a_name_cut_to_14_characters()
    {
        var (events, _, _) = Parse("bcc-examples/ext4slower.txt", "ext4");
        var open = events.First(e => e.ProcessId == 1884);
        Assert.Equal((FileOperation.Open, 0L, 0L, TimeSpan.Zero, "status.new"), (open.Operation, open.Bytes, open.Offset, open.Latency, open.FileName));
        var write = events.Where(e => e.ProcessId == 1884).ElementAt(1);
        Assert.Equal((FileOperation.Write, 18L, TimeSpan.FromMilliseconds(0.02)), (write.Operation, write.Bytes, write.Latency));
        // bcc prints "%-14.14s": dumpsystemstatus is cut to its first 14 characters.
        Assert.Contains(events, e => e.ProcessName == "dumpsystemstat" && e.ProcessId == 16473 && e.FileName == "date");
        Assert.Contains(events, e => e.ProcessName == "DumpThreads" && e.FileName == "cut");
        Assert.Contains(events, e => e.FileName == "[" && e.Bytes == 39552);
    }

    [Fact]
    public void Xfs_offsets_beyond_four_gigabytes_are_exact()
    {
        var (events, _, _) = Parse("bcc-examples/xfsslower.txt", "xfs");
        // "06:23:06 randread.pl    32497  R 8192    24938024   17.93 data1"
        var e = events[0];
        Assert.Equal(("randread.pl", 32497, FileOperation.Read, 8192L), (e.ProcessName, e.ProcessId, e.Operation, e.Bytes));
        Assert.Equal(24938024L * 1024, e.Offset);
        Assert.Equal(25_536_536_576L, e.Offset);
        Assert.Equal(TimeSpan.FromTicks(179_300), e.Latency);
        Assert.Equal("xfs", e.FileSystem);
    }

    [Fact]
    public void Published_libbpf_row_has_a_whole_file_sync_and_a_seven_digit_pid()
    {
        var (events, _, _) = Parse("published/fsslower-libbpf-bcc-pr3458.txt", "ext4");
        var e = Assert.Single(events);
        Assert.Equal("journal-offline", e.ProcessName);
        Assert.Equal(2992396, e.ProcessId);
        Assert.Equal(FileOperation.Sync, e.Operation);
        Assert.Equal(long.MaxValue, e.Bytes);
        Assert.Equal(0, e.Offset);
        Assert.Equal(TimeSpan.FromTicks(239_900), e.Latency);
        Assert.Equal("system.journal", e.FileName);
        Assert.Equal(new DateTime(2026, 11, 23, 13, 29, 1, DateTimeKind.Local), e.Timestamp);
    }

    [Fact]
    public void Transcribed_libbpf_rows_match_the_bcc_rows_they_came_from()
    {
        var (libbpf, _, _) = Parse("transcribed/fsslower-libbpf-from-ext4slower-example.txt", "ext4");
        var (bcc, _, _) = Parse("bcc-examples/ext4slower.txt", "ext4");
        var zeroBlock = bcc.TakeLast(libbpf.Count).ToList();
        Assert.Equal(zeroBlock.Select(e => e.ToString()), libbpf.Select(e => e.ToString()));
    }

    [Theory]
    // libbpf-tools: a 15-character name with spaces fills "%-16s".
    [InlineData("22:35:09 Web Content 123  4194304 W 4096    8          12.50 cache file.sqlite", "Web Content 123", 4194304)]
    // bcc: "%-14.14s" with spaces, and a 7-digit PID overflowing "%-6s".
    [InlineData("22:35:09 Web Content 12 4194304 W 4096    8          12.50 cache file.sqlite", "Web Content 12", 4194304)]
    // A name that itself ends in digits, before a short PID.
    [InlineData("22:35:09 kworker/u8:1 7 1      W 4096    8          12.50 cache file.sqlite", "kworker/u8:1 7", 1)]
    // UTF-8: printf pads by bytes, so the width in characters is off: the loose match takes over.
    [InlineData("22:35:09 héllo           77      W 4096    8          12.50 cache file.sqlite", "héllo", 77)]
    public void Names_with_spaces_long_pids_and_file_names_with_spaces(string line, string name, int pid)
    {
        var e = ParseOne(line);
        Assert.Equal(name, e.ProcessName);
        Assert.Equal(pid, e.ProcessId);
        Assert.Equal(FileOperation.Write, e.Operation);
        Assert.Equal(8 * 1024, e.Offset);
        Assert.Equal("cache file.sqlite", e.FileName);
        Assert.Equal(ReadAt, e.Timestamp);
    }

    [Fact]
    public void Libbpf_error_return_nfs_getattr_bcc_sync_and_a_long_latency()
    {
        Assert.Equal(-5, ParseOne("22:35:09 dd               311     R -5      0           10.01 bad block").Bytes);
        Assert.Equal(FileOperation.GetAttributes, ParseOne("22:35:09 ls             2121   G 0       0          11.93 share").Operation);
        var sync = ParseOne("22:35:09 postgres       891    S 0       0         150.20 000000010000000000000001");
        Assert.Equal((FileOperation.Sync, TimeSpan.FromTicks(1_502_000)), (sync.Operation, sync.Latency));
        Assert.Equal(TimeSpan.FromMilliseconds(123456.78), ParseOne("22:35:09 tar              40      W 1048576 2048    123456.78 backup.tar").Latency);
    }

    [Fact]
    public void Truncated_last_line_and_garbage_are_counted_not_thrown()
    {
        var parser = new SlowFileOperationTextParser("ext4", new FixedClock(ReadAt, 0));
        var lines = Fixtures.Lines("bcc-examples/ext4slower.txt").Take(5).ToList();
        var events = Fixtures.ParseAll(parser,
        [
            .. lines,
            "Error: packet too small",
            "99:99:99 cron           16464  R 1249    0          16.05 bad clock",
            "06:35:01 cron           16464  R 1249    0          16.05 common-auth",
            "06:35:01 cron           16464  R 12",
        ]);
        Assert.Equal(4, events.Count);
        Assert.Equal(3, parser.Stats.Unparsed);
        Assert.Equal(["Error: packet too small", "99:99:99 cron           16464  R 1249    0          16.05 bad clock", "06:35:01 cron           16464  R 12"],
            parser.Stats.UnparsedSamples);
    }
}
