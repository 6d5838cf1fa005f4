using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class RunQueueDelayTextParserTests
{
    // The captures were made at 15:02 (date arbitrary: runqslower prints only the time of day).
    private static readonly DateTime ReadAt = new(2026, 11, 29, 15, 2, 46, 400, DateTimeKind.Local);

    private static (List<RunQueueDelayEvent> Events, ParseStats Stats, int Rows) Parse(string fixture)
    {
        var parser = new RunQueueDelayTextParser(new FixedClock(ReadAt, 0));
        var lines = Fixtures.Lines(fixture);
        return (Fixtures.ParseAll(parser, lines), parser.Stats, lines.Count(l => l.Length > 0) - 2);
    }

    [Theory]
    [InlineData("captured/runqslower-libbpf-100.txt")]
    [InlineData("captured/runqslower-libbpf-P-100.txt")]
    public void Every_row_of_every_capture_parses_over_the_threshold(string fixture)
    {
        var (events, stats, rows) = Parse(fixture);
        Assert.Equal(rows, events.Count);
        Assert.Equal(0, stats.Unparsed);
        Assert.All(events, e =>
        {
            Assert.True(e.Delay > TimeSpan.FromMicroseconds(100), e.ToString());
            Assert.NotEqual("", e.ProcessName);
            Assert.True(e.ThreadId > 0);
        });
    }

    [Fact]
    public void Captured_rows_give_name_tid_and_delay_in_microseconds()
    {
        var (events, _, _) = Parse("captured/runqslower-libbpf-100.txt");
        // 15:02:42 BpfTools tool    13185            3552
        var tool = events[2];
        Assert.Equal(("BpfTools tool", 13185, TimeSpan.FromMicroseconds(3552)), (tool.ProcessName, tool.ThreadId, tool.Delay));
        Assert.Equal(("", -1), (tool.PreviousProcessName, tool.PreviousThreadId));
        Assert.Equal(new DateTime(2026, 11, 29, 15, 2, 42, DateTimeKind.Local), tool.Timestamp);
        Assert.Contains(events, e => e.ProcessName == "spin with space");
        Assert.Contains(events, e => e.ProcessName == "Pipeline Execut");
    }

    [Fact]
    public void Captured_previous_columns_hold_names_with_spaces()
    {
        var (events, _, _) = Parse("captured/runqslower-libbpf-P-100.txt");
        // 15:02:46 spin with space  13205            8567 runqslower       13206 (and a trailing space)
        var spin = events[2];
        Assert.Equal(("spin with space", 13205, TimeSpan.FromMicroseconds(8567)), (spin.ProcessName, spin.ThreadId, spin.Delay));
        Assert.Equal(("runqslower", 13206), (spin.PreviousProcessName, spin.PreviousThreadId));
        Assert.Equal(ReadAt, spin.Timestamp);
        Assert.Contains(events, e => e.PreviousProcessName == "spin with space" && e.PreviousThreadId > 0);
        Assert.Equal(("rcu_preempt", 15), (events[1].PreviousProcessName, events[1].PreviousThreadId));
    }

    [Fact]
    public void Odd_names_and_large_values_parse()
    {
        var parser = new RunQueueDelayTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "15:02:46 12 34 56           4194304    987654321012 7 8 9            1      ",
            // A name with multi-byte characters is wider than 16 characters of padding.
            "15:02:46 naïve café prog 7           101",
            "15:02:46 x                1                 101 y                2",
        ]);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(("12 34 56", 4194304, TimeSpan.FromMicroseconds(987_654_321_012), "7 8 9", 1),
            (events[0].ProcessName, events[0].ThreadId, events[0].Delay, events[0].PreviousProcessName, events[0].PreviousThreadId));
        Assert.Equal(("naïve café prog", 7), (events[1].ProcessName, events[1].ThreadId));
        Assert.Equal(("y", 2), (events[2].PreviousProcessName, events[2].PreviousThreadId));
    }

    [Fact]
    public void Truncated_lines_and_garbage_are_counted_not_guessed()
    {
        var parser = new RunQueueDelayTextParser(new FixedClock(ReadAt, 0));
        var events = Fixtures.ParseAll(parser,
        [
            "Tracing run queue latency higher than 100 us",
            "TIME     COMM             TID           LAT(us) PREV COMM        PREV TID",
            "15:02:46 spin with space  13205",
            "15:02:46 spin with space  13205            8567 runqslower",
            "15:02:46 spin with space  13205            85x7",
            "25:02:46 spin with space  13205            8567",
            "15:02:46 spin with space  13205            99999999999999999999",
            "lost 3 events",
            "",
        ]);
        Assert.Empty(events);
        Assert.Equal(6, parser.Stats.Unparsed);
    }
}

public class BpftraceRunQueueDelayParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 20, 30, 0, DateTimeKind.Local);
    private const long NowMonotonic = 22_470_000_000_000;

    [Fact]
    public void Captured_json_gives_one_delay_per_tuple_with_the_marked_workload()
    {
        var parser = new BpftraceRunQueueDelayParser(new FixedClock(Now, NowMonotonic));
        var lines = Fixtures.Lines("captured/runqslower-bpftrace-1000.json");
        var events = Fixtures.ParseAll(parser, lines);
        Assert.Equal(lines.Count(l => l.Contains("[\"runq\"", StringComparison.Ordinal)), events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.All(events, e => Assert.True(e.Delay > TimeSpan.FromMilliseconds(1)));
        Assert.Contains(events, e => e.ProcessName == "rq waker" && e.PreviousProcessName == "rq spin");
        Assert.Contains(events, e => e.ProcessName == "rq spin");
        Assert.All(events, e => Assert.InRange(e.Timestamp, Now.AddMinutes(-10), Now));
    }

    [Fact]
    public void Exact_values_of_one_tuple_and_wrong_shapes()
    {
        var parser = new BpftraceRunQueueDelayParser(new FixedClock(Now, NowMonotonic));
        var output = new List<RunQueueDelayEvent>();
        Assert.Equal(LineKind.Record, parser.Parse(
            """{"type": "value", "data": ["runq","rq waker",14067,12882695,"csc",14000,22463384081952]}""", output));
        var e = Assert.Single(output);
        Assert.Equal(("rq waker", 14067, TimeSpan.FromTicks(128_826), "csc", 14000), (e.ProcessName, e.ThreadId, e.Delay, e.PreviousProcessName, e.PreviousThreadId));
        Assert.Equal(Now - TimeSpan.FromTicks((NowMonotonic - 22_463_384_081_952) / 100), e.Timestamp);
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["runq","x",1]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["runq","x","1",2,"y",3,4]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["runq","x",1,-2,"y",3,4]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["tcp","x",1,2,"y",3,4]}""", output));
        Assert.Single(output);
        Assert.Equal(4, parser.Stats.Unparsed);
    }
}
