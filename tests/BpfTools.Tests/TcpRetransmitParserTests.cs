using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpRetransmitTextParserTests
{
    // Just after the published capture's first second (01:55:05).
    private static readonly DateTime ReadAt = new(2026, 11, 23, 1, 55, 5, 250, DateTimeKind.Local);

    private static (List<TcpRetransmitEvent> Events, TcpRetransmitTextParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new TcpRetransmitTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("bcc-examples/tcpretrans.txt", 3)]
    [InlineData("bcc-examples/tcpretrans-l.txt", 11)]
    public void Published_capture_parses_every_row(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture);
        var parser = new TcpRetransmitTextParser(new FixedClock(ReadAt, 0));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Equal(LineKind.Ready, kinds[0]);
        Assert.Equal(rows, kinds.Count(k => k == LineKind.Record));
        Assert.Equal(rows, parser.Stats.Records);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Published_row_has_exact_values()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/tcpretrans.txt"));
        var first = events[0];
        // Read within the printed second: the arrival time, with its milliseconds.
        Assert.Equal(ReadAt, first.Timestamp);
        Assert.Equal(0, first.ProcessId);
        Assert.Equal(IPFamily.IPv4, first.AddressFamily);
        Assert.Equal(("10.153.223.157", 22), (first.LocalAddress, first.LocalPort));
        Assert.Equal(("69.53.245.40", 34619), (first.RemoteAddress, first.RemotePort));
        Assert.Equal("ESTABLISHED", first.State);
        Assert.Equal(TcpRetransmitKind.Retransmit, first.Kind);
        Assert.Equal(22957, events[2].RemotePort);
        Assert.Equal(new DateTime(2026, 11, 23, 1, 55, 17, DateTimeKind.Local), events[2].Timestamp);
    }

    [Fact]
    public void Published_lossprobe_capture_has_one_tail_loss_probe_and_an_on_cpu_pid()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/tcpretrans-l.txt"));
        var probe = Assert.Single(events, e => e.Kind == TcpRetransmitKind.TailLossProbe);
        Assert.Equal(46444, probe.RemotePort);
        Assert.Equal(1938, Assert.Single(events, e => e.ProcessId != 0).ProcessId);
    }

    [Fact]
    public void IPv6_rows_split_the_port_at_the_last_colon_even_past_the_column()
    {
        // Laid out with tcpretrans.py's own format, "%-8s %-6d %-2d %-20s %1s> %-20s %s", and addresses from inet_ntop.
        var (events, parser) = Parse(
        [
            "01:55:05 0      6  ::1:22               R> ::1:51234            ESTABLISHED",
            "01:55:05 0      6  2001:db8:ffff:1::a:443 L> 2001:db8:0:2::1234:60001 FIN_WAIT1",
            "01:55:05 0      6  ::ffff:10.0.0.1:80   R> ::ffff:10.0.0.2:40000 SYN_RECV",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("::1", 22, "::1", 51234), (events[0].LocalAddress, events[0].LocalPort, events[0].RemoteAddress, events[0].RemotePort));
        Assert.All(events, e => Assert.Equal(IPFamily.IPv6, e.AddressFamily));
        Assert.Equal(("2001:db8:ffff:1::a", 443), (events[1].LocalAddress, events[1].LocalPort));
        Assert.Equal(("2001:db8:0:2::1234", 60001), (events[1].RemoteAddress, events[1].RemotePort));
        Assert.Equal((TcpRetransmitKind.TailLossProbe, "FIN_WAIT1"), (events[1].Kind, events[1].State));
        Assert.Equal(("::ffff:10.0.0.1", "SYN_RECV"), (events[2].LocalAddress, events[2].State));
    }

    [Fact]
    public void Sequence_column_of_bcc_s_and_long_pids_parse()
    {
        var (events, parser) = Parse(
        [
            // From the published example of tcpretrans.py -s.
            "TIME     PID    IP LADDR:LPORT          T> RADDR:RPORT          STATE        SEQ",
            "18:03:46 0      4  192.168.10.50:41976  R> 172.217.21.194:443   SYN_SENT     2879306108",
            "01:55:05 4194304 4  192.168.10.50:41976  R> 172.217.21.194:443   ESTABLISHED",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("SYN_SENT", 443), (events[0].State, events[0].RemotePort));
        Assert.Equal(4194304, events[1].ProcessId);
    }

    [Fact]
    public void Notices_are_ignored_and_garbage_and_a_truncated_last_line_are_counted()
    {
        var parser = new TcpRetransmitTextParser(new FixedClock(ReadAt, 0));
        var output = new List<TcpRetransmitEvent>();
        Assert.Equal(LineKind.Ignored, parser.Parse("Tracing retransmits ... Hit Ctrl-C to end", output));
        Assert.Equal(LineKind.Ignored, parser.Parse("", output));
        string[] garbage =
        [
            "not a retransmit at all",
            "01:55:05 0      4  not.an.address:22    R> 69.53.245.40:34619   ESTABLISHED",
            "01:55:05 0      4  10.153.223.157:70000 R> 69.53.245.40:34619   ESTABLISHED",
            "01:55:05 0      4  10.153.223.157:22    X> 69.53.245.40:34619   ESTABLISHED",
            "01:55:05 99999999999 4  10.153.223.157:22    R> 69.53.245.40:34619   ESTABLISHED",
            "01:56:08 0      4  10.153.223.157:22    R> 69.53",
        ];
        Assert.All(garbage, line => Assert.Equal(LineKind.Unparsable, parser.Parse(line, output)));
        parser.Flush(output);
        Assert.Empty(output);
        Assert.Equal(garbage.Length, parser.Stats.Unparsed);
        Assert.Equal(ParseStats.MaxSamples, parser.Stats.UnparsedSamples.Count);
    }
}

public class BpftraceTcpRetransmitParserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 22, 45, 0, DateTimeKind.Local);

    // The capture's last event was at 7310.308 s of CLOCK_MONOTONIC; the clock stands one second later.
    private const long LastEvent = 7_310_308_089_553;
    private static readonly FixedClock Clock = new(Now, LastEvent + 1_000_000_000);

    [Fact]
    public void Captured_json_gives_one_event_per_tuple_with_both_families()
    {
        var lines = Fixtures.Lines("captured/tcpretrans-bpftrace.json");
        var parser = new BpftraceTcpRetransmitParser(Clock);
        var events = Fixtures.ParseAll(parser, lines);
        Assert.Equal(lines.Count(l => l.Contains("\"retrans\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Contains(events, e => e.AddressFamily == IPFamily.IPv4);
        Assert.Contains(events, e => e.AddressFamily == IPFamily.IPv6);
        Assert.All(events, e => Assert.Equal(TcpRetransmitKind.Retransmit, e.Kind));
    }

    [Fact]
    public void Captured_rows_have_exact_values()
    {
        var events = Fixtures.ParseAll(new BpftraceTcpRetransmitParser(Clock), Fixtures.Lines("captured/tcpretrans-bpftrace.json"));
        // A receiver's FIN, still retransmitted from an earlier run's closed connection: ports above 32767 stay positive.
        var v4 = events[0];
        Assert.Equal((14846, IPFamily.IPv4, "LAST_ACK"), (v4.ProcessId, v4.AddressFamily, v4.State));
        Assert.Equal(("10.213.7.2", 45301, "10.213.7.1", 41742), (v4.LocalAddress, v4.LocalPort, v4.RemoteAddress, v4.RemotePort));
        Assert.Equal(Now - TimeSpan.FromTicks((LastEvent + 1_000_000_000 - 7_304_104_068_004) / 100), v4.Timestamp);

        var v6 = events.First(e => e.AddressFamily == IPFamily.IPv6);
        Assert.Equal((15034, "::1", 56208, "::1", 45232, "ESTABLISHED"), (v6.ProcessId, v6.LocalAddress, v6.LocalPort, v6.RemoteAddress, v6.RemotePort, v6.State));
        // Most retransmits come from timers and softirq, some from the sender's own system calls.
        Assert.Contains(events, e => e.ProcessId == 0 && e.State == "FIN_WAIT1");
        Assert.Equal(("CLOSING", Now.AddSeconds(-1)), (events[^1].State, events[^1].Timestamp));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": ["retrans",1]}""")]
    [InlineData("""{"type": "value", "data": ["other",0,2,1,2,1,5,"10.0.0.1","10.0.0.2"]}""")]
    [InlineData("""{"type": "value", "data": ["retrans",0,7,1,2,1,5,"10.0.0.1","10.0.0.2"]}""")]
    [InlineData("""{"type": "value", "data": ["retrans",0,2,-11500,-20424,1,5,"10.0.0.1","10.0.0.2"]}""")]
    [InlineData("""{"type": "value", "data": ["retrans","x",2,1,2,1,5,"10.0.0.1","10.0.0.2"]}""")]
    [InlineData("""{"type": "value", "data": ["retrans",0,2,1,2""")]
    public void Wrong_shaped_tuples_are_counted_not_thrown(string line)
    {
        var parser = new BpftraceTcpRetransmitParser(Clock);
        Assert.Equal(LineKind.Unparsable, parser.Parse(line, []));
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void Unknown_state_number_is_kept_as_digits_and_lost_events_are_counted()
    {
        var parser = new BpftraceTcpRetransmitParser(Clock);
        var events = Fixtures.ParseAll(parser,
        [
            """{"type": "value", "data": ["retrans",0,10,443,50000,42,5,"2001:db8::1","2001:db8::2"]}""",
            """{"type": "lost_events", "data": {"events": 3}}""",
        ]);
        Assert.Equal("42", Assert.Single(events).State);
        Assert.Equal(3, parser.Stats.LostEvents);
    }
}
