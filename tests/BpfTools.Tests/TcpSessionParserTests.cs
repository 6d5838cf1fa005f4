using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class TcpSessionTextParserTests
{
    // The captures were made on 2026-11-23 (date arbitrary: the tools print only the time of day).
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 46, 12, 300, DateTimeKind.Local);

    private static (List<TcpSessionEvent> Events, ParseStats Stats, int Rows) Parse(string fixture)
    {
        var parser = new TcpSessionTextParser(new FixedClock(ReadAt, 0));
        var lines = Fixtures.Lines(fixture);
        var headers = lines.Count(l => l.Contains("LADDR", StringComparison.Ordinal));
        return (Fixtures.ParseAll(parser, lines), parser.Stats, lines.Count(l => l.Length > 0) - headers);
    }

    [Theory]
    [InlineData("captured/tcplife-libbpf-Tw.txt")]
    [InlineData("captured/tcplife-libbpf-T.txt")]
    [InlineData("bcc-examples/tcplife.txt")]
    [InlineData("bcc-examples/tcplife-w.txt")]
    [InlineData("bcc-examples/tcplife-t.txt")]
    public void Every_row_of_every_capture_parses(string fixture)
    {
        var (events, stats, rows) = Parse(fixture);
        Assert.Equal(rows, events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e =>
        {
            Assert.InRange(e.LocalPort, 1, 65535);
            Assert.InRange(e.RemotePort, 1, 65535);
            Assert.True(e.Duration > TimeSpan.Zero);
            Assert.NotEqual("", e.ProcessName);
        });
    }

    [Fact]
    public void Captured_libbpf_row_converts_KB_to_bytes_and_ms_to_a_TimeSpan()
    {
        var (events, _, _) = Parse("captured/tcplife-libbpf-Tw.txt");
        // 22:46:12 2750    python3          127.0.0.1                  58049 127.0.0.1                  52878 195.31 195.31 4.36
        var first = events[0];
        Assert.Equal(2750, first.ProcessId);
        Assert.Equal("python3", first.ProcessName);
        Assert.Equal((IPFamily.IPv4, "127.0.0.1", 58049, "127.0.0.1", 52878), (first.AddressFamily, first.LocalAddress, first.LocalPort, first.RemoteAddress, first.RemotePort));
        // 200000 bytes sent each way: 195.31 KB is 199997 bytes, within the 0.005 KB the two decimals keep.
        Assert.Equal(199_997, first.TxBytes);
        Assert.Equal(199_997, first.RxBytes);
        Assert.Equal(TimeSpan.FromTicks(43_600), first.Duration);
        // Read within the printed second: the arrival time, with its milliseconds.
        Assert.Equal(ReadAt, first.Timestamp);

        var held = Assert.Single(events, e => e.LocalPort == 33503);
        Assert.Equal(TimeSpan.FromTicks(12_029_700), held.Duration);
        Assert.Equal(1004, held.TxBytes);
        Assert.Equal(new DateTime(2026, 11, 23, 22, 46, 13, DateTimeKind.Local), held.Timestamp);
    }

    [Fact]
    public void Captured_libbpf_IPv6_long_and_mapped_addresses_and_names_with_spaces()
    {
        var (events, _, _) = Parse("captured/tcplife-libbpf-Tw.txt");
        var loopback6 = Assert.Single(events, e => e.LocalPort == 51379);
        Assert.Equal((IPFamily.IPv6, "::1", "::1", 35912), (loopback6.AddressFamily, loopback6.LocalAddress, loopback6.RemoteAddress, loopback6.RemotePort));
        var wide = Assert.Single(events, e => e.LocalPort == 53671);
        Assert.Equal("fd00:dead:beef:cafe:1234:5678:9abc:def0", wide.LocalAddress);
        Assert.Equal(53720, wide.RemotePort);
        Assert.Equal(3000, wide.TxBytes);
        var mapped = Assert.Single(events, e => e.LocalPort == 41651);
        Assert.Equal((IPFamily.IPv6, "::ffff:127.0.0.1"), (mapped.AddressFamily, mapped.LocalAddress));
        Assert.Equal(2, events.Count(e => e.ProcessName == "name with space" && e.AddressFamily == IPFamily.IPv6));
        var worker = Assert.Single(events, e => e.ProcessName == ".NET TP Worker");
        Assert.Equal(3017, worker.ProcessId);
        // libbpf-tools attributes the server's half to whoever runs at its close: here curl, not the server.
        Assert.Equal(["curl", "curl"], events.Where(e => e.LocalPort == 8731 || e.RemotePort == 8731).Select(e => e.ProcessName));
    }

    [Fact]
    public void Captured_narrow_libbpf_output_lets_long_IPv6_addresses_overflow()
    {
        var (events, _, _) = Parse("captured/tcplife-libbpf-T.txt");
        var wide = Assert.Single(events, e => e.LocalPort == 58067);
        Assert.Equal(("fd00:dead:beef:cafe:1234:5678:9abc:def0", 54468), (wide.RemoteAddress, wide.RemotePort));
        var mapped = Assert.Single(events, e => e.LocalPort == 54291);
        Assert.Equal(("::ffff:127.0.0.1", 35940, 7004L), (mapped.RemoteAddress, mapped.RemotePort, mapped.RxBytes));
    }

    [Fact]
    public void Published_bcc_output_has_whole_KB_and_ten_letter_names()
    {
        var (events, _, _) = Parse("bcc-examples/tcplife.txt");
        var upload = Assert.Single(events, e => e.RemotePort == 63033);
        Assert.Equal(("sshd", 7619, 22, "100.127.64.230"), (upload.ProcessName, upload.ProcessId, upload.LocalPort, upload.RemoteAddress));
        Assert.Equal(5 * 1024, upload.TxBytes);
        Assert.Equal(10255 * 1024, upload.RxBytes);
        Assert.Equal(TimeSpan.FromTicks(30_667_900), upload.Duration);
        Assert.Equal("redis-serv", events[1].ProcessName);
        // No time column: the session is dated when its line arrives.
        Assert.All(events, e => Assert.Equal(ReadAt, e.Timestamp));
    }

    [Fact]
    public void Published_bcc_wide_output_takes_the_family_from_its_IP_column()
    {
        var (events, _, _) = Parse("bcc-examples/tcplife-w.txt");
        var ssh = Assert.Single(events, e => e.ProcessName == "ssh");
        Assert.Equal((IPFamily.IPv6, "fe80::8a3:9dff:fed5:6b19", 22440, 22), (ssh.AddressFamily, ssh.LocalAddress, ssh.LocalPort, ssh.RemotePort));
        Assert.Equal(1024, ssh.RxBytes);
        Assert.Equal("recordProgramSt", events[0].ProcessName);
        Assert.Equal(IPFamily.IPv4, events[0].AddressFamily);
    }

    [Fact]
    public void Published_bcc_seconds_column_counts_from_the_first_event()
    {
        var (events, _, _) = Parse("bcc-examples/tcplife-t.txt");
        Assert.Equal(ReadAt, events[0].Timestamp);
        Assert.Equal(ReadAt + TimeSpan.FromSeconds(3.069204), events[^1].Timestamp);
    }

    [Fact]
    public void Long_pids_full_names_and_odd_names_parse()
    {
        var parser = new TcpSessionTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "22:46:12 4194304 fifteen-letters! 10.0.0.1                   443   10.0.0.2                   61000 1.00   2048.50 0.01",
            // A name that looks like columns, padded to 16 as libbpf-tools prints it.
            "22:46:12 1       4 6 12 ::1       ::1                        80    ::1                        41000 0.00   0.00   12.00",
            "22:46:12 77      x                127.0.0.1       5432  127.0.0.1       39000 12345678.99 0.00   98765432.10",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal((4194304, "fifteen-letters!", 1024L, 2_097_664L), (events[0].ProcessId, events[0].ProcessName, events[0].TxBytes, events[0].RxBytes));
        Assert.Equal(TimeSpan.FromTicks(100), events[0].Duration);
        Assert.Equal(("4 6 12 ::1", IPFamily.IPv6, 80), (events[1].ProcessName, events[1].AddressFamily, events[1].LocalPort));
        Assert.Equal(12_641_975_286, events[2].TxBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(98_765_432.10), events[2].Duration);
    }

    [Fact]
    public void Truncated_line_garbage_and_impossible_values_are_counted_not_guessed()
    {
        var parser = new TcpSessionTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "TIME(s)  PID     COMM             LADDR                      LPORT RADDR                      RPORT TX_KB  RX_KB  MS",
            "lost 3 events on CPU #1",
            "22:46:12 2750    python3          127.0.0.1                  99999 127.0.0.1                  52878 0.00   0.00   4.36",
            "22:46:12 2750    python3          1.2.3.4.5                  5000  127.0.0.1                  52878 0.00   0.00   4.36",
            "",
            "22:46:12 2750    python3          127.0.0.1                  58049 127.0.0.1                  52878 195.31 19",
        ]);
        Assert.Empty(events);
        Assert.Equal(4, parser.Stats.Unparsed);
        Assert.Equal(6, parser.Stats.Lines);
    }
}

public class BpftraceTcpSessionParserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 22, 47, 0, DateTimeKind.Local);
    private const long NowMonotonic = 6_700_000_000_000;

    private static (List<TcpSessionEvent> Events, ParseStats Stats) ParseCapture()
    {
        var parser = new BpftraceTcpSessionParser(new FixedClock(Now, NowMonotonic));
        return (Fixtures.ParseAll(parser, Fixtures.Lines("captured/tcplife-bpftrace.json")), parser.Stats);
    }

    [Fact]
    public void Captured_json_gives_one_session_per_tuple_with_exact_bytes()
    {
        var (events, stats) = ParseCapture();
        Assert.Equal(Fixtures.Lines("captured/tcplife-bpftrace.json").Count(l => l.Contains("[\"tcp\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, stats.Unparsed);
        // ["tcp",3980,"python3",2,"127.0.0.1",48292,"127.0.0.1",59211,200002,200001,14735890,6695035523323]
        var first = events[0];
        Assert.Equal((3980, "python3", IPFamily.IPv4), (first.ProcessId, first.ProcessName, first.AddressFamily));
        Assert.Equal(("127.0.0.1", 48292, "127.0.0.1", 59211), (first.LocalAddress, first.LocalPort, first.RemoteAddress, first.RemotePort));
        // The kernel's counters: 200000 bytes each way, plus the FIN (and, on the accepting side, the SYN).
        Assert.Equal((200_002L, 200_001L), (first.TxBytes, first.RxBytes));
        Assert.Equal(TimeSpan.FromTicks(147_358), first.Duration);
        Assert.Equal(Now - TimeSpan.FromTicks((NowMonotonic - 6_695_035_523_323) / 100), first.Timestamp);
    }

    [Fact]
    public void Captured_IPv6_mapped_refused_and_named_sessions()
    {
        var (events, _) = ParseCapture();
        Assert.Contains(events, e => e.LocalAddress == "fd00:dead:beef:cafe:1234:5678:9abc:def0" && e.AddressFamily == IPFamily.IPv6 && e.TxBytes == 3001);
        Assert.Contains(events, e => e.LocalAddress == "::ffff:127.0.0.1" && e.AddressFamily == IPFamily.IPv6);
        Assert.Equal(2, events.Count(e => e.ProcessName == "name with space" && e.LocalAddress == "::1"));
        var refused = Assert.Single(events, e => e.RemotePort == 1);
        Assert.Equal((0L, 0L), (refused.TxBytes, refused.RxBytes));
        // The program names the server's half after the server, which closed it first (libbpf-tools says curl).
        var served = Assert.Single(events, e => e.LocalPort == 8731);
        Assert.Equal(("python3", 4143, 300_205L), (served.ProcessName, served.ProcessId, served.TxBytes));
        Assert.Equal("curl", Assert.Single(events, e => e.RemotePort == 8731).ProcessName);
    }

    [Fact]
    public void Wrong_shaped_tuples_are_counted()
    {
        var parser = new BpftraceTcpSessionParser(new FixedClock(Now, NowMonotonic));
        var output = new List<TcpSessionEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcp",1]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcp",1,"x",3,"a",1,"b",2,0,0,1,2]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcp","1","x",2,"a",1,"b",2,0,0,1,2]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["udp",1,"x",2,"a",1,"b",2,0,0,1,2]}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 5}}""", output));
        Assert.Empty(output);
        Assert.Equal(4, parser.Stats.Unparsed);
        Assert.Equal(5, parser.Stats.LostEvents);
    }
}
