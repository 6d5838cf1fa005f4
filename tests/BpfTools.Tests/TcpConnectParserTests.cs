using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpConnectTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 23, 40, 0, 250, DateTimeKind.Local);

    private static (List<TcpConnectEvent> Events, ParseStats Stats) Parse(string fixture, TcpDirection direction = TcpDirection.Outbound)
    {
        var parser = new TcpConnectTextParser(direction, new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, Fixtures.Lines(fixture)), parser.Stats);
    }

    [Theory]
    [InlineData("bcc-examples/tcpconnect.txt", TcpDirection.Outbound, 5)]
    [InlineData("bcc-examples/tcpconnect-t.txt", TcpDirection.Outbound, 6)]
    [InlineData("bcc-examples/tcpconnlat.txt", TcpDirection.Outbound, 9)]
    [InlineData("published/tcpconnlat-L-bcc-pr3316.txt", TcpDirection.Outbound, 5)]
    [InlineData("bcc-examples/tcpaccept-t.txt", TcpDirection.Inbound, 3)]
    public void Every_row_of_published_output_parses(string fixture, TcpDirection direction, int rows)
    {
        var (events, stats) = Parse(fixture, direction);
        Assert.Equal(rows, events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e => Assert.Equal(direction, e.Direction));
        Assert.All(events, e => Assert.NotNull(e.ProcessId));
    }

    [Fact]
    public void Tcpconnect_rows_give_the_remote_port_and_let_a_long_IPv6_address_overflow()
    {
        var (events, _) = Parse("bcc-examples/tcpconnect.txt");
        var telnet = events[0];
        Assert.Equal((1479, "telnet", IPFamily.IPv4, "127.0.0.1", "127.0.0.1", 23),
            (telnet.ProcessId, telnet.ProcessName, telnet.AddressFamily, telnet.LocalAddress, telnet.RemoteAddress, telnet.RemotePort));
        Assert.Equal((null, null, -1L), (telnet.LocalPort, telnet.Latency, telnet.Uid));
        // 2015   ssh          6  fe80::2000:bff:fe82:3ac fe80::2000:bff:fe82:3ac 22
        var ssh = events[4];
        Assert.Equal((IPFamily.IPv6, "fe80::2000:bff:fe82:3ac", 22), (ssh.AddressFamily, ssh.RemoteAddress, ssh.RemotePort));
        // No time column: dated by arrival.
        Assert.All(events, e => Assert.Equal(ReadAt, e.Timestamp));
    }

    [Fact]
    public void Seconds_column_counts_from_the_first_row()
    {
        var (events, _) = Parse("bcc-examples/tcpconnect-t.txt");
        // 31.871 is the first row's offset; 90.938 comes 59.067 s later.
        Assert.Equal(TimeSpan.FromSeconds(59.067), events[5].Timestamp - events[0].Timestamp);
        Assert.Equal(("local_agent", 7101), (events[5].ProcessName, events[5].RemotePort));
    }

    [Fact]
    public void Tcpconnlat_rows_give_the_latency_and_with_L_the_local_port()
    {
        var (events, _) = Parse("bcc-examples/tcpconnlat.txt");
        Assert.Equal(TimeSpan.FromMilliseconds(1.65), events[0].Latency);
        Assert.Equal(TimeSpan.FromMilliseconds(250.86), events[6].Latency);
        // 20337  python2.7    6  1234:ab12:2040:5020:2299:0:5:0 1234:ab12:20:9f1d:2299:dde9:0:f5 7001  62.20
        Assert.Equal(("python2.7", "1234:ab12:2040:5020:2299:0:5:0", "1234:ab12:20:9f1d:2299:dde9:0:f5", 7001, TimeSpan.FromMilliseconds(62.2)),
            (events[7].ProcessName, events[7].LocalAddress, events[7].RemoteAddress, events[7].RemotePort, events[7].Latency));

        var (withPorts, _) = Parse("published/tcpconnlat-L-bcc-pr3316.txt");
        // 2734   cups-browsed 4  192.168.8.95     53564  192.168.5.17     631   40.00
        Assert.Equal(("cups-browsed", 53564, 631, TimeSpan.FromMilliseconds(40)),
            (withPorts[0].ProcessName, withPorts[0].LocalPort, withPorts[0].RemotePort, withPorts[0].Latency));
        Assert.Equal((IPFamily.IPv6, "::1", 39340, TimeSpan.FromMilliseconds(0.02)),
            (withPorts[3].AddressFamily, withPorts[3].LocalAddress, withPorts[3].LocalPort, withPorts[3].Latency));
    }

    [Fact]
    public void Tcpaccept_rows_read_RADDR_as_the_remote_end_and_LPORT_as_the_local_port()
    {
        var (events, stats) = Parse("bcc-examples/tcpaccept.txt", TcpDirection.Inbound);
        // 907    sshd         4  192.168.56.1     192.168.56.102   22
        Assert.Equal((907, "sshd", "192.168.56.1", "192.168.56.102", 22, (int?)null),
            (events[0].ProcessId, events[0].ProcessName, events[0].RemoteAddress, events[0].LocalAddress, events[0].LocalPort, events[0].RemotePort));
        // This old tcpaccept printed IPv6 addresses as their last 4 bytes (...fec0ae21): not an address, not guessed.
        Assert.Equal(2, events.Count);
        Assert.Equal(1, stats.Unparsed);
    }

    [Fact]
    public void UID_and_LPORT_columns_and_names_with_spaces_as_bcc_prints_them_with_t_U_L()
    {
        var parser = new TcpConnectTextParser(TcpDirection.Outbound, new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "Tracing connect ... Hit Ctrl-C to end",
            "TIME(s)  UID   PID    COMM         IP SADDR            LPORT  DADDR            DPORT ",
            "0.000    0     12579  tcp cli spac 4  127.0.0.1        42484  127.0.0.1        47123  ",
            "0.250    1000  7      4 6 SADDR 1  6  ::ffff:127.0.0.1 42486  ::ffff:127.0.0.1 47123  ",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("tcp cli spac", 0L, 42484, 47123), (events[0].ProcessName, events[0].Uid, events[0].LocalPort, events[0].RemotePort));
        Assert.Equal(("4 6 SADDR 1", 1000L, IPFamily.IPv6, "::ffff:127.0.0.1"), (events[1].ProcessName, events[1].Uid, events[1].AddressFamily, events[1].LocalAddress));
        Assert.Equal(TimeSpan.FromMilliseconds(250), events[1].Timestamp - events[0].Timestamp);
    }

    [Fact]
    public void Rows_before_a_header_truncated_rows_and_garbage_are_counted_not_guessed()
    {
        var parser = new TcpConnectTextParser(TcpDirection.Outbound, new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "1479   telnet       4  127.0.0.1        127.0.0.1        23",
            "PID    COMM         IP SADDR            DADDR            DPORT LAT(ms)",
            "1201   wget         4  10.153.223.157   23.23.100.231    80    1.65",
            "1201   wget         4  10.153.223.157   23.23.100.231    80",
            "1201   wget         4  10.153.223.157   23.23.100.231    80    fast",
            "1201   wget         5  10.153.223.157   23.23.100.231    80    1.65",
            "1201   wget         4  10.153.223.157   23.23.100.231    99999 1.65",
            "1201   wget         4  10.153.223.999   23.23.100.231    80    1.65",
            "1201   4  10.153.223.157   23.23.100.231    80    1.65",
            "pid    wget         4  10.153.223.157   23.23.100.231    80    1.65",
            "Possibly lost 3 samples",
            "",
        ]);
        Assert.Equal(1201, Assert.Single(events).ProcessId);
        Assert.Equal(9, parser.Stats.Unparsed);
        Assert.Equal(12, parser.Stats.Lines);
    }

    [Fact]
    public void A_header_with_a_column_it_does_not_know_is_not_taken()
    {
        var parser = new TcpConnectTextParser(TcpDirection.Outbound, new FixedClock(ReadAt, 0));
        var output = new List<TcpConnectEvent>();
        // tcpconnect -d adds QUERY, free text with spaces: BpfTools never asks for it.
        Assert.Equal(LineKind.Unparsable, parser.Parse("PID    COMM         IP SADDR            DADDR            DPORT  QUERY", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("1479   telnet       4  127.0.0.1        127.0.0.1        23     localhost", output));
    }
}

public class BpftraceTcpConnectParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 23, 40, 0, DateTimeKind.Local);
    private const long NowMonotonic = 33_880_000_000_000;

    [Fact]
    public void Captured_json_gives_each_connection_both_ways_with_the_process_and_latency_of_the_outbound_side()
    {
        var parser = new BpftraceTcpConnectParser(new FixedClock(Now, NowMonotonic));
        var events = Fixtures.ParseAll(parser, Fixtures.Lines("captured/tcpconnect-bpftrace-both.json"));
        Assert.Equal(6, events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        // ["tcpconnect",1,22865,"conn cli space",2,38788,47321,116661,33874697069570,"127.0.0.1","127.0.0.1"]
        var spaced = events[0];
        Assert.Equal((TcpDirection.Outbound, 22865, "conn cli space", IPFamily.IPv4), (spaced.Direction, spaced.ProcessId, spaced.ProcessName, spaced.AddressFamily));
        Assert.Equal(("127.0.0.1", 38788, "127.0.0.1", 47321), (spaced.LocalAddress, spaced.LocalPort, spaced.RemoteAddress, spaced.RemotePort));
        Assert.Equal(TimeSpan.FromTicks(1166), spaced.Latency);
        Assert.Equal(Now - TimeSpan.FromTicks((NowMonotonic - 33_874_697_069_570) / 100), spaced.Timestamp);
        // Its inbound twin: the same ends seen from the listener, no process, no latency.
        var accepted = events[1];
        Assert.Equal((TcpDirection.Inbound, (int?)null, (string?)null, (TimeSpan?)null), (accepted.Direction, accepted.ProcessId, accepted.ProcessName, accepted.Latency));
        Assert.Equal((47321, 38788), (accepted.LocalPort, accepted.RemotePort));
        // An IPv6 socket connecting to an IPv4 listener: IPv6 with mapped addresses out, IPv4 in.
        Assert.Equal((IPFamily.IPv6, "::ffff:127.0.0.1"), (events[4].AddressFamily, events[4].RemoteAddress));
        Assert.Equal((IPFamily.IPv4, 47323), (events[5].AddressFamily, events[5].LocalPort));
    }

    [Fact]
    public void An_outbound_connect_begun_before_tracing_has_no_process_and_no_latency()
    {
        var parser = new BpftraceTcpConnectParser(new FixedClock(Now, NowMonotonic));
        var output = new List<TcpConnectEvent>();
        Assert.Equal(LineKind.Record, parser.Parse(
            """{"type": "value", "data": ["tcpconnect",1,-1,"",10,51416,443,-1,33875336411130,"2001:db8::1","2001:db8::2"]}""", output));
        var e = Assert.Single(output);
        Assert.Equal((TcpDirection.Outbound, (int?)null, (TimeSpan?)null, 443), (e.Direction, e.ProcessId, e.Latency, e.RemotePort));
    }

    [Fact]
    public void Wrong_shaped_tuples_are_counted()
    {
        var parser = new BpftraceTcpConnectParser(new FixedClock(Now, NowMonotonic));
        var output = new List<TcpConnectEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpconnect",1]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpconnect",3,1,"x",2,1,2,3,5,"a","b"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpconnect",1,1,"x",7,1,2,3,5,"a","b"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpconnect",1,1,"x",2,70000,2,3,5,"a","b"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpstate",1,1,"x",2,1,2,3,5,"a","b"]}""", output));
        Assert.Empty(output);
        Assert.Equal(5, parser.Stats.Unparsed);
    }
}
