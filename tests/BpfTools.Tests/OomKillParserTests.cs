using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class OomKillTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 21, 3, 50, DateTimeKind.Local);

    private static (List<OomKillEvent> Events, OomKillTextParser Parser) Parse(params string[] lines)
    {
        var parser = new OomKillTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("bcc-examples/oomkill.txt", 2)]
    [InlineData("published/oomkill-libbpf-bcc-pr3811.txt", 1)]
    public void Published_output_parses_every_row_and_the_banner_means_ready(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture).Where(l => l.Length > 0).ToList();
        var parser = new OomKillTextParser(new FixedClock(ReadAt, 0));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Equal(LineKind.Ready, kinds[0]);
        Assert.Equal((rows, 0), (parser.Stats.Records, parser.Stats.Unparsed));
    }

    [Fact]
    public void Bcc_rows_read_trigger_victim_pages_and_load_averages()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/oomkill.txt"));
        var first = events[0];
        Assert.Equal((3297, "ntpd", 22516, "perl", 3850642L), (first.TriggerProcessId, first.TriggerName, first.ProcessId, first.ProcessName, first.TotalPages));
        Assert.Equal((0.99, 0.39, 0.30), (first.LoadAverage1, first.LoadAverage5, first.LoadAverage15));
        Assert.Equal(new DateTime(2026, 11, 30, 21, 3, 39, DateTimeKind.Local), first.Timestamp);
        Assert.Equal((22517, 22517), (events[1].TriggerProcessId, events[1].ProcessId));
        // The text tools know nothing of the victim's own memory.
        Assert.All(events, e => Assert.Equal((null, null, null, null), (e.RssBytes, e.VirtualMemoryBytes, e.Uid, e.OomScoreAdjust)));
    }

    [Fact]
    public void A_line_without_loadavg_is_read_with_null_load_averages()
    {
        var (events, parser) = Parse("""21:03:48 Triggered by PID 22517 ("perl"), OOM kill of PID 22517 ("perl"), 3850642 pages""");
        var e = Assert.Single(events);
        Assert.Equal((3850642L, (double?)null), (e.TotalPages, e.LoadAverage1));
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Theory]
    [InlineData("""21:03:39 Triggered by PID 1 ("a b"), OOM kill of PID 2 ("c d"), 5 pages, loadavg: 0.00 0.01 0.05 1/2 3""", "a b", "c d")]
    [InlineData("""21:03:39 Triggered by PID 1 ("x "), OOM"), OOM kill of PID 2 ("k"), 9 pages"), 5 pages, loadavg: 1.00 2.00 3.00 1/2 3""", "x \"), OOM", "k\"), 9 pages")]
    [InlineData("""21:03:39 Triggered by PID 1 (""), OOM kill of PID 2 (""), 5 pages""", "", "")]
    public void Names_with_spaces_quotes_and_the_separators_themselves_are_kept(string line, string trigger, string victim)
    {
        var (events, _) = Parse(line);
        var e = Assert.Single(events);
        Assert.Equal((trigger, victim, 5L), (e.TriggerName, e.ProcessName, e.TotalPages!.Value));
    }

    [Theory]
    [InlineData("""21:03:39 Triggered by PID 3297 ("ntpd"), OOM kill of PID 22516 ("perl"), 3850642 pag""")]
    [InlineData("""21:03:39 Triggered by PID 3297 ("ntpd"), OOM kill of PID""")]
    [InlineData("""21:03:39 Triggered by PID x ("ntpd"), OOM kill of PID 22516 ("perl"), 3850642 pages""")]
    [InlineData("""21:03:39 Triggered by PID 3297 ("ntpd"), OOM kill of PID 22516 ("perl"), -5 pages""")]
    [InlineData("""21:03:39 Triggered by PID 3297 ("ntpd"), OOM kill of PID 22516 ("perl"), 3850642 pages, loadavg: high""")]
    [InlineData("""21:03:39 Triggered by PID 99999999999 ("ntpd"), OOM kill of PID 22516 ("perl"), 3 pages""")]
    [InlineData("""25:03:39 Triggered by PID 3297 ("ntpd"), OOM kill of PID 22516 ("perl"), 3850642 pages""")]
    [InlineData("Lost 3 events on CPU #1!")]
    [InlineData("garbage")]
    public void Truncated_or_foreign_lines_are_counted_not_thrown_on(string line)
    {
        var (events, parser) = Parse(line);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}

public class BpftraceOomKillParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 23, 51, 0, DateTimeKind.Local);
    private const long MonotonicNow = 34_100_000_000_000;

    private static (List<OomKillEvent> Events, BpftraceOomKillParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new BpftraceOomKillParser(new FixedClock(Now, MonotonicNow));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Fact]
    public void Captured_cgroup_kills_read_trigger_victim_and_its_memory_in_bytes()
    {
        var (events, parser) = Parse(Fixtures.Lines("captured/oomkill-bpftrace.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(2, events.Count);

        // The grower's allocation killed the larger holder, then the grower itself.
        var holder = events[0];
        Assert.Equal((28824, "bo2bdcd1 grow", 28817, "oom \"q\"), hold"), (holder.TriggerProcessId, holder.TriggerName, holder.ProcessId, holder.ProcessName));
        Assert.Equal((15292L * 1024, 12416L * 1024, 1580L * 1024, 0L), (holder.VirtualMemoryBytes, holder.AnonymousRssBytes, holder.FileRssBytes, holder.SharedMemoryRssBytes));
        Assert.Equal((12416L + 1580) * 1024, holder.RssBytes);
        Assert.Equal((72L * 1024, 0L, 0), (holder.PageTableBytes!.Value, holder.Uid!.Value, holder.OomScoreAdjust!.Value));
        Assert.Equal(Now - TimeSpan.FromTicks((MonotonicNow - 34_096_549_110_465) / 100), holder.Timestamp);
        Assert.Equal((28824, 28824, "bo2bdcd1 grow"), (events[1].TriggerProcessId, events[1].ProcessId, events[1].ProcessName));

        // What only the kprobe knows stays unknown.
        Assert.All(events, e => Assert.Equal((null, null), (e.TotalPages, e.LoadAverage1)));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": ["oomkill",1,"t",2,1,1,1,1,0,1,1001,5]}""")]
    [InlineData("""{"type": "value", "data": ["oomkill",1,"t",2,1,1,1,1,0,1,0]}""")]
    [InlineData("""{"type": "value", "data": ["exit",1,"t",2,1,1,1,1,0,1,0,5]}""")]
    [InlineData("""{"type": "value", "data": ["oomkill","1","t",2,1,1,1,1,0,1,0,5]}""")]
    [InlineData("""{"type": "value", "data": ["victim",2]}""")]
    [InlineData("""{"type": "value", "data": ["oomkill",1,"t",2,1,1,1,1,0,1,0,5""")]
    public void Malformed_tuples_are_counted_not_thrown_on(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void A_kill_whose_name_tuple_was_lost_is_still_read_and_names_go_to_their_own_pid()
    {
        var (events, parser) = Parse([
            """{"type": "value", "data": ["victim",7,"seven"]}""",
            """{"type": "value", "data": ["oomkill",1,"t",2,1,1,1,1,0,1,0,5]}""",
            """{"type": "value", "data": ["oomkill",1,"t",7,1,1,1,1,0,1,0,6]}""",
        ]);
        Assert.Equal([(2, ""), (7, "seven")], events.Select(e => (e.ProcessId, e.ProcessName)));
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void A_negative_oom_score_adj_is_kept()
    {
        var (events, _) = Parse(["""{"type": "value", "data": ["oomkill",1,"t",2,1,1,1,1,1000,1,-999,5]}"""]);
        Assert.Equal((-999, 1000L), (events[0].OomScoreAdjust!.Value, events[0].Uid!.Value));
    }
}
