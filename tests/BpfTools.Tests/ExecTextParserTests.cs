using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class ExecTextParserTests
{
    private const string Header = "TIME(s)  UID    PCOMM            PID    PPID   RET ARGS";
    private static readonly DateTime Start = new(2026, 11, 23, 22, 1, 14, DateTimeKind.Local);

    private static List<ExecEvent> Parse(params string[] lines) =>
        Fixtures.ParseAll(new ExecTextParser(new FixedClock(Start, 0)), lines);

    [Fact]
    public void Captured_libbpf_output_parses_every_row()
    {
        var parser = new ExecTextParser(new FixedClock(Start, 0));
        var lines = Fixtures.Lines("captured/execsnoop-libbpf-xtUq.txt");
        var events = Fixtures.ParseAll(parser, lines);

        Assert.Equal(lines.Count(l => l.Length > 0) - 1, events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);

        var missing = Assert.Single(events, e => e.Arguments.FirstOrDefault() == "/nonexistent/fixture-missing");
        Assert.Equal(-2, missing.Ret);
        Assert.Equal("ENOENT", missing.Error);
        Assert.Equal("workload.sh", missing.ProcessName);
        Assert.Equal(4538, missing.ProcessId);
        Assert.Equal(4537, missing.ParentProcessId);
        Assert.Equal(0, missing.Uid);
        Assert.Equal(Start.AddMilliseconds(3_729), missing.Timestamp);
    }

    [Fact]
    public void Arguments_holding_the_header_words_are_an_event_not_the_header()
    {
        var events = Parse(Header, "0.240   0     grep             4482   4481     0 \"/usr/bin/grep\" \"PCOMM\" \"ARGS\" ");
        Assert.Equal(["/usr/bin/grep", "PCOMM", "ARGS"], Assert.Single(events).Arguments);
    }

    [Fact]
    public void Captured_quoted_arguments_keep_spaces_newlines_quotes_tabs_and_empty_ones()
    {
        var events = Parse(Fixtures.Lines("captured/execsnoop-libbpf-xtUq.txt"));
        var echo = Assert.Single(events, e => e.ProcessName == "echo");
        Assert.Equal(["/bin/echo", "arg with spaces", "line1\nline2", "q\"uote", "tab\there", "back\\slash", ""], echo.Arguments);
        Assert.Equal("/bin/echo arg with spaces line1\nline2 q\"uote tab\there back\\slash ", echo.CommandLine);
        Assert.False(echo.Truncated);
    }

    [Fact]
    public void Captured_name_with_spaces_failed_exec_and_other_uid()
    {
        var events = Parse(Fixtures.Lines("captured/execsnoop-libbpf-xtUq.txt"));
        Assert.Contains(events, e => e.ProcessName == "name with space" && e.Arguments.SequenceEqual(["/tmp/name with spaces", "x"]));
        Assert.Contains(events, e => e.Ret == -13 && e.Error == "EACCES" && e.Arguments[0] == "/tmp/name with spaces");
        Assert.Contains(events, e => e.Uid == 65534 && e.ProcessName == "true");
    }

    [Fact]
    public void Captured_argument_list_cut_at_max_args_is_marked_truncated()
    {
        var events = Parse(Fixtures.Lines("captured/execsnoop-libbpf-xtUq.txt"));
        var many = Assert.Single(events, e => e.ProcessName == "true" && e.Arguments.Count > 2);
        Assert.True(many.Truncated);
        Assert.Equal(60, many.Arguments.Count);
        Assert.Equal("59", many.Arguments[^1]);
    }

    [Fact]
    public void Uid_of_six_digits_or_more_runs_into_the_name_and_is_still_split()
    {
        // printf("%-6d", uid) leaves no space after a 6+ digit UID, and here the name starts with digits.
        var e = Assert.Single(Parse(Header, "1.500   1000007zip" + new string(' ', 12) + " 1234567 1        0 \"/usr/bin/7zip\" "));
        Assert.Equal(100000, e.Uid);
        Assert.Equal("7zip", e.ProcessName);
        Assert.Equal(1234567, e.ProcessId);
        Assert.Equal(1, e.ParentProcessId);
    }

    [Theory]
    // The UID and RET columns as long.TryParse and int.TryParse read them, short and long.
    [InlineData("4294967294", 4294967294L, "0", 0)]
    [InlineData("0", 0L, "-2147483648", int.MinValue)]
    [InlineData("123456789", 123456789L, "-13", -13)]
    public void Uid_and_ret_of_every_width_read_as_numbers(string uidText, long uid, string retText, int ret)
    {
        var e = Assert.Single(Parse(Header, "1.500   " + uidText.PadRight(6) + " true             42     1     " + retText + " \"/bin/true\" "));
        Assert.Equal((uid, ret), (e.Uid, e.Ret));
    }

    [Fact]
    public void Long_pids_and_wide_time_column_parse()
    {
        // After 10000 s "%-8.3f" is nine characters wide and touches the UID.
        var e = Assert.Single(Parse(Header, "12345.6780     bash             4194303 4194302   0 \"/bin/bash\" "));
        Assert.Equal(4194303, e.ProcessId);
        Assert.Equal(4194302, e.ParentProcessId);
        Assert.Equal(Start.AddMilliseconds(12_345_678), e.Timestamp);
    }

    [Fact]
    public void Raw_newline_inside_a_quote_continues_on_the_next_line()
    {
        var events = Parse(Header,
            "1.000   0     echo             10     1        0 \"/bin/echo\" \"first",
            "second\" \"x\" ",
            "1.100   0     true             11     1        0 \"/bin/true\" ");
        Assert.Equal(2, events.Count);
        Assert.Equal(["/bin/echo", "first\nsecond", "x"], events[0].Arguments);
        Assert.False(events[0].Truncated);
        Assert.Equal("true", events[1].ProcessName);
    }

    [Fact]
    public void Truncated_last_line_is_kept_and_marked()
    {
        var parser = new ExecTextParser(new FixedClock(Start, 0));
        var events = Fixtures.ParseAll(parser, [Header, "1.000   0     echo             10     1        0 \"/bin/echo\" \"cut mid-argu"]);
        var e = Assert.Single(events);
        Assert.True(e.Truncated);
        Assert.Equal(["/bin/echo", "cut mid-argu"], e.Arguments);
    }

    [Fact]
    public void Open_quote_followed_by_a_new_row_keeps_both()
    {
        var events = Parse(Header,
            "1.000   0     echo             10     1        0 \"/bin/echo\" \"cut",
            "1.100   0     true             11     1        0 \"/bin/true\" ");
        Assert.Equal(2, events.Count);
        Assert.True(events[0].Truncated);
        Assert.False(events[1].Truncated);
    }

    [Fact]
    public void Garbage_is_counted_and_reported_while_other_rows_still_parse()
    {
        var parser = new ExecTextParser(new FixedClock(Start, 0));
        var output = new List<ExecEvent>();
        Assert.Equal(LineKind.Ready, parser.Parse(Header, output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("this is not execsnoop", output));
        Assert.Equal(LineKind.Record, parser.Parse("1.100   0     true             11     1        0 \"/bin/true\" ", output));
        Assert.Equal(LineKind.Ignored, parser.Parse("", output));
        Assert.Single(output);
        Assert.Equal(1, parser.Stats.Unparsed);
        Assert.Equal(["this is not execsnoop"], parser.Stats.UnparsedSamples);
        Assert.Equal(4, parser.Stats.Lines);
    }

    [Fact]
    public void Output_without_uid_column_parses()
    {
        var e = Assert.Single(Parse("TIME(s)  PCOMM            PID    PPID   RET ARGS",
            "0.250   ls               99     98       0 \"/bin/ls\" \"-l\" "));
        Assert.Equal(-1, e.Uid);
        Assert.Equal("ls", e.ProcessName);
        Assert.Equal(["/bin/ls", "-l"], e.Arguments);
    }

    [Fact]
    public void Bcc_python_layout_with_wider_pid_columns_parses()
    {
        // bcc's execsnoop.py prints "%-16s %-7d %-7s %3d" and the same quoting.
        var e = Assert.Single(Parse("TIME(s) UID   PCOMM            PID     PPID    RET ARGS",
            "0.016   1000  ls               31016   30960     0 \"/bin/ls\" \"--color=auto\" "));
        Assert.Equal(1000, e.Uid);
        Assert.Equal(31016, e.ProcessId);
        Assert.Equal(["/bin/ls", "--color=auto"], e.Arguments);
    }
}
