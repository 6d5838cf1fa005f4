using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class DirectReclaimTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 23, 58, 10, 250, DateTimeKind.Local);

    private static (List<DirectReclaimEvent> Events, DirectReclaimTextParser Parser) Parse(bool bcc, params string[] lines)
    {
        var parser = new DirectReclaimTextParser(new FixedClock(ReadAt, 0), bcc);
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("bcc-examples/drsnoop.txt", 20)]
    [InlineData("bcc-examples/drsnoop-Tp.txt", 4)]
    [InlineData("bcc-examples/drsnoop-U.txt", 6)]
    [InlineData("bcc-examples/drsnoop-Uu.txt", 8)]
    [InlineData("bcc-examples/drsnoop-d.txt", 1)]
    [InlineData("bcc-examples/drsnoop-n.txt", 11)]
    [InlineData("bcc-examples/drsnoop-v.txt", 10)]
    [InlineData("captured/drsnoop-libbpf.txt", 0)]
    [InlineData("captured/drsnoop-libbpf-d2.txt", 0)]
    public void Every_row_of_every_layout_parses_and_the_header_means_ready(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture).Where(l => l.Length > 0).ToList();
        var parser = new DirectReclaimTextParser(new FixedClock(ReadAt, 0), bcc: fixture.StartsWith("bcc", StringComparison.Ordinal));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Contains(LineKind.Ready, kinds);
        Assert.Equal((rows, 0), (parser.Stats.Records, parser.Stats.Unparsed));
    }

    [Fact]
    public void Bcc_rows_read_process_latency_and_pages_by_their_header()
    {
        var (plain, _) = Parse(true, Fixtures.Lines("bcc-examples/drsnoop.txt"));
        var slow = Assert.Single(plain, e => e.Latency > TimeSpan.FromMilliseconds(100));
        Assert.Equal(("summond", 17496, (int?)null, (long?)null, TimeSpan.FromMilliseconds(104.84), 40L),
            (slow.ProcessName, slow.ProcessId!.Value, slow.ThreadId, slow.Uid, slow.Latency, slow.Pages));
        Assert.All(plain, e => Assert.Equal(ReadAt, e.Timestamp));

        var (uids, _) = Parse(true, Fixtures.Lines("bcc-examples/drsnoop-Uu.txt"));
        Assert.All(uids, e => Assert.Equal(1000L, e.Uid));
        Assert.Equal((17669, TimeSpan.FromMilliseconds(0.55), 313L), (uids[1].ProcessId!.Value, uids[1].Latency, uids[1].Pages));

        var (timed, _) = Parse(true, Fixtures.Lines("bcc-examples/drsnoop-Tp.txt"));
        // -T counts seconds from bcc's first event (0 there; this published block starts at 107 s): rows keep their spacing.
        Assert.Equal(TimeSpan.FromTicks(16_380), timed[3].Timestamp - timed[0].Timestamp);
        Assert.Equal(TimeSpan.Zero, new DirectReclaimTextParser(bcc: true).TimeResolution);

        var (verbose, _) = Parse(true, Fixtures.Lines("bcc-examples/drsnoop-v.txt"));
        Assert.Equal(("summond", 115L), (verbose[^1].ProcessName, verbose[^1].Pages));
    }

    [Fact]
    public void Libbpf_rows_read_the_time_of_day_the_thread_and_microseconds()
    {
        // Rows as libbpf-tools' drsnoop prints them ("%-8s %-16s %-6d %8.3f %5lld"); none happened on this host.
        var (events, parser) = Parse(false,
            "TIME     COMM             TID     LAT(ms) PAGES",
            "23:58:09 kswap worker 2   31337     12.345    32",
            "23:58:10 java             4242       0.007 12345");
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("kswap worker 2", (int?)null, 31337, TimeSpan.FromTicks(123_450), 32L),
            (events[0].ProcessName, events[0].ProcessId, events[0].ThreadId!.Value, events[0].Latency, events[0].Pages));
        Assert.Equal(new DateTime(2026, 11, 30, 23, 58, 9, DateTimeKind.Local), events[0].Timestamp);
        Assert.Equal(TimeSpan.FromTicks(70), events[1].Latency);
        Assert.Equal(TimeSpan.FromSeconds(1), parser.TimeResolution);
    }

    [Theory]
    [InlineData("23:58:09 java             4242       0.007")]
    [InlineData("23:58:09 java             4242       abc    12")]
    [InlineData("23:58:09 java             x       0.007    12")]
    [InlineData("23:58:09                  4242       0.007    12")]
    [InlineData("java             4242       0.007    12")]
    [InlineData("23:58:09 java             4242      -0.007    12")]
    [InlineData("lost 3 events on CPU #1")]
    [InlineData("garbage")]
    public void Truncated_or_foreign_lines_are_counted_not_thrown_on(string line)
    {
        var (events, parser) = Parse(false, "TIME     COMM             TID     LAT(ms) PAGES", line);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void Banners_with_and_without_a_duration_are_not_records()
    {
        var (events, parser) = Parse(false, "Tracing direct reclaim events for 2 secs.", "Tracing direct reclaim events... Hit Ctrl-C to end.");
        Assert.Empty(events);
        Assert.Equal(0, parser.Stats.Unparsed);
    }
}

public class BpftraceDirectReclaimParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 23, 59, 0, DateTimeKind.Local);
    private const long MonotonicNow = 34_500_000_000_000;

    private static (List<DirectReclaimEvent> Events, BpftraceDirectReclaimParser Parser) Parse(params string[] lines)
    {
        var parser = new BpftraceDirectReclaimParser(new FixedClock(Now, MonotonicNow));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Fact]
    public void A_tuple_of_drsnoop_bt_reads_both_ids_uid_latency_pages_and_order()
    {
        // The tuple drsnoop.bt prints; no direct reclaim happened on this host to capture one.
        var (events, parser) = Parse(
            """{"type": "attached_probes", "data": {"probes": 4}}""",
            """{"type": "value", "data": ["reclaim",4242,4250,1000,1234567,32,2,34499000000000,"name with space"]}""");
        var e = Assert.Single(events);
        Assert.Equal((4242, 4250, 1000L, TimeSpan.FromTicks(12345), 32L, 2, "name with space"),
            (e.ProcessId!.Value, e.ThreadId!.Value, e.Uid!.Value, e.Latency, e.Pages, e.Order!.Value, e.ProcessName));
        Assert.Equal(Now - TimeSpan.FromSeconds(1), e.Timestamp);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Theory]
    [InlineData("""{"type": "value", "data": ["reclaim",1,1,0,-5,32,0,5,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["reclaim",1,1,0,5,32,0,5]}""")]
    [InlineData("""{"type": "value", "data": ["exit",1,1,0,5,32,0,5,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["reclaim","1",1,0,5,32,0,5,"x"]}""")]
    [InlineData("{\"type\": \"value\", \"data\": [\"reclaim\",1,1,0,5,32,0,5,\"x\"")]
    public void Malformed_tuples_are_counted_not_thrown_on(string line)
    {
        var (events, parser) = Parse(line);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}
