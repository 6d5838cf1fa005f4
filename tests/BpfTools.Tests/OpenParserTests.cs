using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class OpenTextParserTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 23, 22, 35, 9, 400, DateTimeKind.Local);

    private static (List<OpenEvent> Events, ParseStats Stats) ParseCapture()
    {
        var parser = new OpenTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, Fixtures.Lines("captured/opensnoop-libbpf-TUe.txt")), parser.Stats);
    }

    [Fact]
    public void Captured_libbpf_output_parses_every_row_but_the_spilled_newline()
    {
        var (events, stats) = ParseCapture();
        var lines = Fixtures.Lines("captured/opensnoop-libbpf-TUe.txt").Where(l => l.Length > 0).ToList();
        // The header, and the second half of "/tmp/open\nnewline" (reported, not guessed).
        Assert.Equal(lines.Count - 2, events.Count);
        Assert.Equal(1, stats.Unparsed);
        Assert.Equal(["newline"], stats.UnparsedSamples);
    }

    [Fact]
    public void A_path_opened_again_is_the_same_string_and_paths_that_differ_stay_apart()
    {
        var (events, _) = ParseCapture();
        var libc = events.Where(e => e.Path == "/lib/x86_64-linux-gnu/libc.so.6").ToList();
        Assert.True(libc.Count > 1);
        Assert.All(libc, e => Assert.Same(libc[0].Path, e.Path));
        // Every path as printed: sharing strings never hands one event another's.
        var printed = Fixtures.Lines("captured/opensnoop-libbpf-TUe.txt").Skip(1).Where(l => l.Length > 0 && l != "newline").ToList();
        Assert.Equal(printed.Count, events.Count);
        Assert.All(events.Zip(printed), pair => Assert.EndsWith(" " + pair.First.Path, pair.Second));
    }

    [Fact]
    public void Path_holding_the_header_words_is_an_event_not_the_header()
    {
        var parser = new OpenTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser, [
            "TIME     UID     PID    COMM              FD ERR FLAGS    PATH",
            "22:35:09 0       17979  cat               -1   2 00000000 /tmp/COMM PATH",
        ]);
        Assert.Equal("/tmp/COMM PATH", Assert.Single(events).Path);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Captured_failed_open_has_errno_and_no_fd()
    {
        var (events, _) = ParseCapture();
        var missing = Assert.Single(events, e => e.Path == "/nonexistent/open-missing");
        Assert.Equal(-1, missing.Fd);
        Assert.Equal(2, missing.Errno);
        Assert.Equal("ENOENT", missing.Error);
        Assert.Equal("cat", missing.ProcessName);
        Assert.Equal(22496, missing.ProcessId);
        Assert.Equal(0, missing.Uid);
        Assert.Equal(0, missing.Flags);
        Assert.Equal("O_RDONLY", missing.FlagNames);
        // Read within the printed second: the arrival time, with its milliseconds.
        Assert.Equal(ReadAt, missing.Timestamp);
    }

    [Fact]
    public void Captured_paths_and_names_with_spaces_permission_denied_and_flags()
    {
        var (events, _) = ParseCapture();
        var created = Assert.Single(events, e => e.ProcessName == "touch" && e.Path == "/tmp/open file with spaces");
        Assert.Equal(3, created.Fd);
        Assert.Equal("O_WRONLY|O_CREAT|O_NOCTTY|O_NONBLOCK", created.FlagNames);
        Assert.Contains(events, e => e.ProcessName == "name with space" && e.Path == "/etc/ld.so.cache" && e.FlagNames == "O_RDONLY|O_CLOEXEC");
        var denied = Assert.Single(events, e => e.Path == "/etc/shadow" && e.Uid == 65534);
        Assert.Equal("EACCES", denied.Error);
    }

    [Fact]
    public void Time_of_day_read_after_its_second_keeps_the_printed_second()
    {
        var late = new FixedClock(new DateTime(2026, 11, 23, 22, 35, 11, 900, DateTimeKind.Local), 0);
        var e = Assert.Single(Fixtures.ParseAll(new OpenTextParser(late), ["22:35:09 0       1      cat               -1   2 00000000 /x"]));
        Assert.Equal(new DateTime(2026, 11, 23, 22, 35, 9, DateTimeKind.Local), e.Timestamp);
    }

    [Fact]
    public void Printed_before_midnight_and_read_after_is_yesterday()
    {
        var afterMidnight = new FixedClock(new DateTime(2026, 11, 24, 0, 0, 0, 300, DateTimeKind.Local), 0);
        var e = Assert.Single(Fixtures.ParseAll(new OpenTextParser(afterMidnight), ["23:59:59 0       1      cat               -1   2 00000000 /x"]));
        Assert.Equal(new DateTime(2026, 11, 23, 23, 59, 59, DateTimeKind.Local), e.Timestamp);
    }

    [Fact]
    public void Newer_libbpf_mode_column_and_bcc_layout_parse()
    {
        var parser = new OpenTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            // libbpf-tools after 0.26: "%08o %04o " (or "n/a  ") after the flags.
            "22:35:09 1000    4194304 vim                 3   0 00000101 0644 /tmp/new file",
            "22:35:09 1000    4194304 vim                 3   0 00000000 n/a  /etc/vimrc",
            // bcc's opensnoop.py -T -U -e: seconds since its first event, "%4d" FD.
            "0.000000000   0     1956   snmpd                 9   0 00000000 /proc/net/dev",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal("/tmp/new file", events[0].Path);
        Assert.Equal(4194304, events[0].ProcessId);
        Assert.Equal("/etc/vimrc", events[1].Path);
        Assert.Equal("snmpd", events[2].ProcessName);
        Assert.Equal(9, events[2].Fd);
        Assert.Equal(ReadAt, events[2].Timestamp);
    }

    [Theory]
    [InlineData(0, "O_RDONLY")]
    [InlineData(0x241, "O_WRONLY|O_CREAT|O_TRUNC")]
    [InlineData(0x80002, "O_RDWR|O_CLOEXEC")]
    [InlineData(0x1000000, "O_RDONLY|0x1000000")]
    public void Flags_are_named(int flags, string expected) => Assert.Equal(expected, OpenFlags.Describe(flags));
}

public class BpftraceOpenParserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 22, 35, 0, DateTimeKind.Local);

    [Fact]
    public void Captured_bpftrace_json_gives_one_event_per_open_with_exact_paths()
    {
        var parser = new BpftraceOpenParser(new FixedClock(Now, 5_980_000_000_000));
        var lines = Fixtures.Lines("captured/opensnoop-bpftrace.json");
        var events = Fixtures.ParseAll(parser, lines);
        Assert.Equal(lines.Count(l => l.Contains("[\"open\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);

        var missing = Assert.Single(events, e => e.Path == "/nonexistent/open-missing");
        Assert.Equal(("cat", -1, 2, "ENOENT"), (missing.ProcessName, missing.Fd, missing.Errno, missing.Error));
        Assert.Contains(events, e => e.Path == "/tmp/open\nnewline" && e.Fd == 3 && e.FlagNames == "O_WRONLY|O_CREAT|O_NOCTTY|O_NONBLOCK");
        Assert.Contains(events, e => e.Path == "/tmp/open file with spaces");
        Assert.Contains(events, e => e.Uid == 65534);
    }

    [Fact]
    public void Wrong_shaped_tuple_is_counted()
    {
        var parser = new BpftraceOpenParser(new FixedClock(Now, 0));
        var output = new List<OpenEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["open",1]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["what",1,2]}""", output));
        Assert.Equal(2, parser.Stats.Unparsed);
    }
}
