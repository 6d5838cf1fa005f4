using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SyscallTextParserTests
{
    private static readonly DateTime Arrival = new(2026, 11, 30, 15, 1, 48, 500, DateTimeKind.Local);

    private static (List<SyscallSummary> Rows, SyscallTextParser Parser) Parse(string fixture, bool failedOnly = false)
    {
        var parser = new SyscallTextParser(failedOnly, new FixedClock(Arrival, 0));
        return (Fixtures.ParseAll(parser, Fixtures.Lines("captured/" + fixture)), parser);
    }

    [Fact]
    public void Counts_per_syscall_come_one_record_a_row_with_the_window_between_tables()
    {
        var (rows, parser) = Parse("syscount-libbpf-i1-d3.txt");
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(30, rows.Count);
        var first = rows[0];
        Assert.Equal(("openat", 19247L), (first.Syscall, first.Count));
        Assert.Null(first.ProcessId);
        Assert.Null(first.ProcessName);
        Assert.Null(first.Errors);
        Assert.Null(first.TotalTime);
        Assert.Null(first.AverageTime);
        // The first window opens at the banner (here, the fixed clock) and ends at its [HH:MM:SS]; the next one follows it.
        Assert.Equal((Arrival, Arrival.Date + new TimeSpan(15, 1, 49)), (first.Start, first.End));
        var second = rows[10];
        Assert.Equal(("openat", 15187L), (second.Syscall, second.Count));
        Assert.Equal((first.End, first.End.AddSeconds(1)), (second.Start, second.End));
        Assert.Equal("mmap", rows[9].Syscall);
    }

    [Fact]
    public void Latency_in_microseconds_becomes_TotalTime_and_AverageTime()
    {
        var (rows, parser) = Parse("syscount-libbpf-L-i1-d3.txt");
        Assert.Equal(0, parser.Stats.Unparsed);
        var futex = rows[0];
        Assert.Equal(("futex", 382L), (futex.Syscall, futex.Count));
        // 9554481.791 us, to the nearest tick (100 ns).
        Assert.Equal(TimeSpan.FromTicks(95544818), futex.TotalTime);
        Assert.Equal(TimeSpan.FromTicks(95544818 / 382), futex.AverageTime);
        Assert.All(rows, r => Assert.NotNull(r.TotalTime));
    }

    [Fact]
    public void Per_process_rows_keep_a_comm_with_spaces_and_milliseconds_read_as_such()
    {
        var (rows, parser) = Parse("syscount-libbpf-LmP-eENOENT-i1-d2.txt", failedOnly: true);
        Assert.Equal(0, parser.Stats.Unparsed);
        var first = rows[0];
        Assert.Equal((12740, "open with space", 17400L), (first.ProcessId!.Value, first.ProcessName, first.Count));
        Assert.Null(first.Syscall);
        Assert.Equal(TimeSpan.FromTicks(400410), first.TotalTime);
        // -e ENOENT: every call counted failed.
        Assert.Equal(17400L, first.Errors);
        Assert.Contains(rows, r => r.ProcessName == "syscount" && r.Count == 1);
    }

    [Fact]
    public void Per_process_counts_with_and_without_latency()
    {
        var (rows, parser) = Parse("syscount-libbpf-P-i1-d3.txt");
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Contains(rows, r => r.ProcessName == "memfd:sealed-91" && r.ProcessId == 9613);
        Assert.All(rows, r => Assert.Null(r.TotalTime));
        var (latency, parsed) = Parse("syscount-libbpf-LP-i1-d3.txt");
        Assert.Equal(0, parsed.Stats.Unparsed);
        Assert.Equal((12407, "dotnet", 2100L, TimeSpan.FromTicks(40916920)),
            (latency[0].ProcessId!.Value, latency[0].ProcessName, latency[0].Count, latency[0].TotalTime!.Value));
    }

    [Fact]
    public void One_table_at_SIGINT_covers_the_run_from_the_banner()
    {
        var (rows, parser) = Parse("syscount-libbpf-xLT5-sigint.txt", failedOnly: true);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(["futex", "clock_nanosleep", "openat", "bpf"], rows.Select(r => r.Syscall));
        Assert.All(rows, r => Assert.Equal((Arrival, Arrival.Date + new TimeSpan(15, 2, 9)), (r.Start, r.End)));
        Assert.Equal(51800L, rows[2].Errors);
    }

    [Theory]
    [InlineData("openat")]
    [InlineData("openat                    19247 extra")]
    [InlineData("futex                       382      9554481.791")]
    [InlineData("                          19247")]
    [InlineData("[15:01:4]")]
    [InlineData("SYSCALL                   COUNT        TIME (s)")]
    [InlineData("openat                    1924\u0667")]
    public void Garbage_and_truncated_rows_are_counted_never_thrown_on(string line)
    {
        var parser = new SyscallTextParser(false);
        var rows = new List<SyscallSummary>();
        parser.Parse("SYSCALL                   COUNT", rows);
        Assert.Equal(LineKind.Unparsable, parser.Parse(line, rows));
        Assert.Empty(rows);
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void A_syscall_name_with_a_space_and_a_per_process_row_without_a_comm()
    {
        var parser = new SyscallTextParser(false);
        var rows = new List<SyscallSummary>();
        parser.Parse("SYSCALL                   COUNT", rows);
        Assert.Equal(LineKind.Record, parser.Parse("[unknown: 335]                 7", rows));
        Assert.Equal("[unknown: 335]", rows[0].Syscall);
        parser.Parse("PID    COMM               COUNT", rows);
        Assert.Equal(LineKind.Unparsable, parser.Parse("12740                 7", rows));
        Assert.Equal(LineKind.Ignored, parser.Parse("Detaching...", rows));
    }
}

public class BpftraceSyscallParserTests
{
    private static readonly FixedClock Clock = new(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Local), 21_340_000_000_000);

    [Fact]
    public void Each_window_s_maps_become_its_top_rows_named_and_sorted_by_time()
    {
        // syscount.bt -L, 1 s windows, system-wide, with "sysc with space" (a python3 copy) calling getpriority (140).
        var parser = new BpftraceSyscallParser(perProcess: false, latency: true, top: 10, Clock);
        var rows = Fixtures.ParseAll(parser, Fixtures.Lines("captured/syscount-bpftrace-L-i1.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, parser.Stats.Records);
        var window = rows.Take(10).ToList();
        Assert.All(window, r => Assert.Equal((Clock.FromMonotonic(21327529964541), Clock.FromMonotonic(21328552882534)), (r.Start, r.End)));
        Assert.Equal(window.OrderByDescending(r => r.TotalTime).Select(r => r.Syscall), window.Select(r => r.Syscall));
        // epoll_wait (232) waited longest; futex (202) had its failures counted.
        var futex = Assert.Single(window, r => r.Syscall == "futex");
        Assert.Equal(TimeSpan.FromTicks(192235724), futex.TotalTime);
        Assert.Equal(205L, futex.Errors);
        Assert.Equal(futex.TotalTime!.Value.Ticks / futex.Count, futex.AverageTime!.Value.Ticks);
        Assert.Equal(Clock.FromMonotonic(21330372199599), rows[^1].End);
    }

    [Fact]
    public void The_count_of_a_syscall_out_of_the_top_is_dropped_and_getpriority_is_named()
    {
        var parser = new BpftraceSyscallParser(perProcess: false, latency: false, top: 100, Clock);
        var rows = Fixtures.ParseAll(parser, Fixtures.Lines("captured/syscount-bpftrace-L-i1.json"));
        Assert.Equal(40 + 81 + 37, rows.Count);
        Assert.Equal(("getpriority", 37000L, 0L), (rows[0].Syscall, rows[0].Count, rows[0].Errors!.Value));
        Assert.All(rows, r => Assert.Null(r.TotalTime));
        Assert.Contains(rows, r => r.Syscall == "[unknown: -1]");
    }

    [Fact]
    public void Per_process_rows_carry_the_comm_with_its_spaces_and_trailing_blank_lines_are_ignored()
    {
        var parser = new BpftraceSyscallParser(perProcess: true, latency: false, top: 1000, Clock);
        var rows = Fixtures.ParseAll(parser, Fixtures.Lines("captured/syscount-bpftrace-P-i1.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Empty(parser.Stats.Warnings);
        var mine = rows.Where(r => r.ProcessName == "sysc with space").ToList();
        Assert.Equal(4, mine.Count);
        Assert.All(mine, r => Assert.Equal(28074, r.ProcessId));
        Assert.All(rows, r => Assert.Null(r.Syscall));
        Assert.True(mine.Max(r => r.Count) > 10000);
    }

    [Fact]
    public void One_window_at_the_end_per_process_with_latency_and_errno_filter()
    {
        // syscount.bt -P -L -e ENOENT, no interval: END prints the only window.
        var parser = new BpftraceSyscallParser(perProcess: true, latency: true, top: 10, Clock);
        var rows = Fixtures.ParseAll(parser, Fixtures.Lines("captured/syscount-bpftrace-LP-eENOENT-sigint.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(7, rows.Count);
        // Sorted by time: a .NET thread's one long failed wait first.
        Assert.Equal((27413, ".NET TP Worker", 2L, TimeSpan.FromTicks(964485)),
            (rows[0].ProcessId!.Value, rows[0].ProcessName, rows[0].Count, rows[0].TotalTime!.Value));
        var mine = rows[1];
        Assert.Equal((27734, "sysc with space", 21L, 21L), (mine.ProcessId!.Value, mine.ProcessName, mine.Count, mine.Errors!.Value));
        Assert.Equal(TimeSpan.FromTicks(122882), mine.TotalTime);
        Assert.All(rows, r => Assert.Equal((Clock.FromMonotonic(21316339270432), Clock.FromMonotonic(21316729074707)), (r.Start, r.End)));
    }

    [Fact]
    public void A_window_cut_off_before_its_tuple_is_dropped_with_a_warning_and_a_bad_key_is_counted()
    {
        var parser = new BpftraceSyscallParser(perProcess: false, latency: false, top: 10, Clock);
        var rows = Fixtures.ParseAll(parser, [
            """{"type": "value", "data": ["start",21330000000000]}""",
            """{"type": "map", "data": {"@count": {"0": 5, "x": 3, "1": [1]}}}""",
            """{"type": "value", "data": ["interval",21331000000000]}""",
            """{"type": "map", "data": {"@count": {"0": 5}}}""",
            """{"type": "map", "data": {"@count": [1, 2]}}""",
        ]);
        Assert.Equal(("read", 5L), (Assert.Single(rows).Syscall, rows[0].Count));
        Assert.Equal(3, parser.Stats.Unparsed);
        Assert.Single(parser.Stats.Warnings);
    }
}
