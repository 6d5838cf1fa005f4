using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpStateChangeTextParserTests
{
    // The captures were made at 15:01 (date arbitrary: -T prints only the time of day).
    private static readonly DateTime ReadAt = new(2026, 11, 29, 15, 1, 39, 250, DateTimeKind.Local);

    private static (List<TcpStateChangeEvent> Events, ParseStats Stats, int Rows) Parse(string fixture)
    {
        var parser = new TcpStateChangeTextParser(new FixedClock(ReadAt, 0));
        var lines = Fixtures.Lines(fixture);
        var headers = lines.Count(l => l.Contains("SKADDR", StringComparison.Ordinal));
        return (Fixtures.ParseAll(parser, lines), parser.Stats, lines.Count(l => l.Length > 0) - headers);
    }

    [Fact]
    public void Every_state_name_reads_back_as_its_state_and_nothing_else_does()
    {
        foreach (var state in Enum.GetValues<TcpState>())
        {
            Assert.True(TcpStateNames.TryRead(TcpStateNames.Of((long)state), out var read));
            Assert.Equal(state, read);
        }
        foreach (var other in new[] { "", "0", "14", "listen", "LISTEN ", "CLOSE_WAIT2", "SYN_SEN" })
        {
            Assert.False(TcpStateNames.TryRead(other, out _));
        }
    }

    [Theory]
    [InlineData("captured/tcpstates-libbpf.txt")]
    [InlineData("captured/tcpstates-libbpf-T.txt")]
    [InlineData("captured/tcpstates-libbpf-Tw.txt")]
    public void Every_row_of_every_capture_parses(string fixture)
    {
        var (events, stats, rows) = Parse(fixture);
        Assert.Equal(rows, events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e =>
        {
            Assert.NotEqual(0UL, e.Socket);
            Assert.NotEqual("", e.ProcessName);
            Assert.True(Enum.IsDefined(e.OldState) && Enum.IsDefined(e.NewState));
        });
    }

    [Fact]
    public void Captured_wide_rows_give_the_socket_states_time_and_whole_names()
    {
        var (events, _, _) = Parse("captured/tcpstates-libbpf-Tw.txt");
        // 15:01:39 ffff8881032c4a00 12579   tcp cli space    4  127.0.0.1                  42484 127.0.0.1                  47123 SYN_SENT    -> ESTABLISHED 0.134
        var connected = events[3];
        Assert.Equal(0xffff8881032c4a00, connected.Socket);
        Assert.Equal((12579, "tcp cli space", IPFamily.IPv4), (connected.ProcessId, connected.ProcessName, connected.AddressFamily));
        Assert.Equal(("127.0.0.1", 42484, "127.0.0.1", 47123), (connected.LocalAddress, connected.LocalPort, connected.RemoteAddress, connected.RemotePort));
        Assert.Equal((TcpState.SynSent, TcpState.Established), (connected.OldState, connected.NewState));
        Assert.Equal(TimeSpan.FromTicks(1_340), connected.TimeInOldState);
        // Read within the printed second: the arrival time, with its milliseconds.
        Assert.Equal(ReadAt, connected.Timestamp);
        Assert.Equal(new DateTime(2026, 11, 29, 15, 1, 38, DateTimeKind.Local), events[0].Timestamp);

        var listener6 = events[0];
        Assert.Equal((IPFamily.IPv6, "::1", 47124, "::", 0), (listener6.AddressFamily, listener6.LocalAddress, listener6.LocalPort, listener6.RemoteAddress, listener6.RemotePort));
        Assert.Equal((TcpState.Close, TcpState.Listen, TimeSpan.Zero), (listener6.OldState, listener6.NewState, listener6.TimeInOldState));
        // Before connect() binds it, the socket has no local port; the refused connect goes SYN_SENT -> CLOSE.
        Assert.Equal(0, events[2].LocalPort);
        Assert.Single(events, e => e.RemotePort == 47125 && e.OldState == TcpState.SynSent && e.NewState == TcpState.Close);
        Assert.Equal(TimeSpan.FromMilliseconds(880.801), events.Single(e => e.OldState == TcpState.Listen && e.NewState == TcpState.Close && e.LocalPort == 47124).TimeInOldState);
    }

    [Fact]
    public void Captured_narrow_rows_cut_names_to_ten_and_let_mapped_addresses_overflow()
    {
        var (events, _, _) = Parse("captured/tcpstates-libbpf.txt");
        Assert.Contains(events, e => e.ProcessName == "tcp cli sp");
        // ffff888117dd1d40 12398   .NET TP Wo ::ffff:127.0.0.1 46912 ::ffff:127.0.0.1 35343 ESTABLISHED -> CLOSE_WAIT  0.000
        var mapped = events.First(e => e.Socket == 0xffff888117dd1d40);
        Assert.Equal((".NET TP Wo", IPFamily.IPv6, "::ffff:127.0.0.1", 46912, "::ffff:127.0.0.1", 35343),
            (mapped.ProcessName, mapped.AddressFamily, mapped.LocalAddress, mapped.LocalPort, mapped.RemoteAddress, mapped.RemotePort));
        Assert.Equal((TcpState.Established, TcpState.CloseWait), (mapped.OldState, mapped.NewState));
        Assert.Contains(events, e => e.ProcessName == "ksoftirqd/" && e.ProcessId == 14);
        Assert.Contains(events, e => e.OldState == TcpState.FinWait1 && e.NewState == TcpState.FinWait1);
        // No time column: dated by arrival.
        Assert.All(events, e => Assert.Equal(ReadAt, e.Timestamp));
    }

    [Fact]
    public void Names_that_look_like_columns_and_a_missing_header()
    {
        var parser = new TcpStateChangeTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            // No header: a lone 4 or 6 before the address is the IP column only when it agrees with the address.
            "15:01:39 ffff8881032c4a00 4194304 x 6 -> CLOSE     4  127.0.0.1                  42484 127.0.0.1                  47123 SYN_SENT    -> ESTABLISHED 0.134",
            "15:01:39 ffff8881032c4a00 7       name ends 6    4  ::1                        42484 ::1                        47123 CLOSE       -> SYN_SENT    12345678.5",
            "ffff8881032c4a00 7       ten chars! 10.0.0.1        443   10.0.0.2        61000 LAST_ACK    -> CLOSE       0.001",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("x 6 -> CLOSE", 4194304, IPFamily.IPv4), (events[0].ProcessName, events[0].ProcessId, events[0].AddressFamily));
        Assert.Equal(("name ends 6    4", IPFamily.IPv6), (events[1].ProcessName, events[1].AddressFamily));
        Assert.Equal(TimeSpan.FromMilliseconds(12_345_678.5), events[1].TimeInOldState);
        Assert.Equal(("ten chars!", 443, TimeSpan.FromTicks(10)), (events[2].ProcessName, events[2].LocalPort, events[2].TimeInOldState));
    }

    [Fact]
    public void Wide_header_makes_the_IP_column_certain()
    {
        var parser = new TcpStateChangeTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "TIME(s)  SKADDR           PID     COMM             IP LADDR                      LPORT RADDR                      RPORT OLDSTATE    -> NEWSTATE    MS",
            "15:01:39 ffff8881032c4a00 12579   name 4           6  ::ffff:127.0.0.1           42484 ::ffff:127.0.0.1           47123 SYN_SENT    -> ESTABLISHED 0.134",
        ]);
        Assert.Equal(("name 4", IPFamily.IPv6), (events.Single().ProcessName, events.Single().AddressFamily));
    }

    [Theory]
    // The socket column as ulong.TryParse reads hex: leading zeros past 16 digits, either case; not 17 significant
    // digits, a stray letter, or a tab instead of the space after it.
    [InlineData("0ffff888104eb2500", 0xffff888104eb2500)]
    [InlineData("FFFF888104EB2500", 0xffff888104eb2500)]
    [InlineData("1", 1UL)]
    [InlineData("1ffff888104eb2500", null)]
    [InlineData("ffff888104eb250g", null)]
    [InlineData("ffff888104eb2500\t", null)]
    public void Socket_column_reads_as_hex(string socket, ulong? expected)
    {
        var parser = new TcpStateChangeTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
            [socket + " 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       -> LISTEN      0.000"]);
        Assert.Equal(expected, events.SingleOrDefault()?.Socket);
    }

    [Fact]
    public void Truncated_lines_unknown_states_and_garbage_are_counted_not_guessed()
    {
        var parser = new TcpStateChangeTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "SKADDR           PID     COMM       LADDR           LPORT RADDR           RPORT OLDSTATE    -> NEWSTATE    MS",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       -> LISTEN      0.0",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       -> LISTEN",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       -> WAITING     0.000",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1       99999 0.0.0.0         0     CLOSE       -> LISTEN      0.000",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1.1     47123 0.0.0.0         0     CLOSE       -> LISTEN      0.000",
            "nothex!!!!!!!!!! 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       -> LISTEN      0.000",
            "ffff888104eb2500 12510   127.0.0.1       47123 0.0.0.0         0     CLOSE       -> LISTEN      0.000",
            "ffff888104eb2500 12510   bpfcap-srv 127.0.0.1       47123 0.0.0.0         0     CLOSE       => LISTEN      0.000",
            "lost 3 events on CPU #1",
            "",
        ]);
        Assert.Single(events);
        Assert.Equal(8, parser.Stats.Unparsed);
        Assert.Equal(11, parser.Stats.Lines);
    }
}

public class BpftraceTcpStateChangeParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 20, 30, 0, DateTimeKind.Local);
    private const long NowMonotonic = 21_150_000_000_000;

    [Fact]
    public void Captured_json_gives_one_change_per_tuple()
    {
        var parser = new BpftraceTcpStateChangeParser(new FixedClock(Now, NowMonotonic));
        var lines = Fixtures.Lines("captured/tcpstates-bpftrace.json");
        var events = Fixtures.ParseAll(parser, lines);
        Assert.Equal(lines.Count(l => l.Contains("[\"tcpstate\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        var ours = events.Where(e => e.ProcessName == "tcp st work").ToList();
        // The workload's loopback connection on 47321: the client's connect, the server's accept.
        var connect = Assert.Single(ours, e => e.RemotePort == 47321 && e.NewState == TcpState.Established);
        Assert.Equal((TcpState.SynSent, IPFamily.IPv4, "127.0.0.1"), (connect.OldState, connect.AddressFamily, connect.LocalAddress));
        Assert.True(connect.TimeInOldState > TimeSpan.Zero);
        Assert.Equal(0xffff000000000000, connect.Socket & 0xffff000000000000);
        var accept = Assert.Single(ours, e => e.LocalPort == 47321 && e.NewState == TcpState.Established);
        Assert.Equal(TcpState.SynRecv, accept.OldState);
        Assert.Contains(ours, e => e.AddressFamily == IPFamily.IPv6 && e.LocalAddress == "::1" && e.NewState == TcpState.Listen && e.RemoteAddress == "::");
        // Changes in softirq context belong to whoever ran: the idle task, pid 0.
        Assert.Contains(events, e => e.ProcessId == 0 && e.ProcessName.StartsWith("swapper/", StringComparison.Ordinal));
        Assert.All(events, e => Assert.InRange(e.Timestamp, Now.AddMinutes(-10), Now));
    }

    [Fact]
    public void Exact_values_of_one_tuple()
    {
        var parser = new BpftraceTcpStateChangeParser(new FixedClock(Now, NowMonotonic));
        var output = new List<TcpStateChangeEvent>();
        Assert.Equal(LineKind.Record, parser.Parse(
            """{"type": "value", "data": ["tcpstate",-131387262030272,23586,"tcp st work",2,47311,39554,3,1,12224,21132273517271,"127.0.0.1","127.0.0.1"]}""", output));
        var e = Assert.Single(output);
        Assert.Equal(unchecked((ulong)-131387262030272L), e.Socket);
        Assert.Equal((23586, "tcp st work", 47311, 39554), (e.ProcessId, e.ProcessName, e.LocalPort, e.RemotePort));
        Assert.Equal((TcpState.SynRecv, TcpState.Established, TimeSpan.FromTicks(122)), (e.OldState, e.NewState, e.TimeInOldState));
        Assert.Equal(Now - TimeSpan.FromTicks((NowMonotonic - 21_132_273_517_271) / 100), e.Timestamp);
    }

    [Fact]
    public void Wrong_shaped_tuples_are_counted()
    {
        var parser = new BpftraceTcpStateChangeParser(new FixedClock(Now, NowMonotonic));
        var output = new List<TcpStateChangeEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpstate",1]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpstate",1,2,"x",3,1,2,3,1,0,5,"a","b"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcpstate",1,2,"x",2,70000,2,3,1,0,5,"a","b"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcp",1,2,"x",2,1,2,3,1,0,5,"a","b"]}""", output));
        Assert.Empty(output);
        Assert.Equal(4, parser.Stats.Unparsed);
    }
}
