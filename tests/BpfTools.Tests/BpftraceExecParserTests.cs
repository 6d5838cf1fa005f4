using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class BpftraceExecParserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 22, 1, 20, DateTimeKind.Local);

    // The capture's last exit was at nsecs 3952... ; pin "now" a little after it.
    private const long MonotonicNow = 3_953_000_000_000;

    private static (List<ExecEvent> Events, ParseStats Stats) ParseCapture()
    {
        var parser = new BpftraceExecParser(new FixedClock(Now, MonotonicNow));
        return (Fixtures.ParseAll(parser, Fixtures.Lines("captured/execsnoop-bpftrace.json")), parser.Stats);
    }

    [Fact]
    public void Captured_bpftrace_json_gives_one_event_per_exit()
    {
        var (events, stats) = ParseCapture();
        var exits = Fixtures.Lines("captured/execsnoop-bpftrace.json").Count(l => l.Contains("[\"exit\"", StringComparison.Ordinal));
        Assert.Equal(exits, events.Count);
        Assert.Equal(0, stats.Unparsed);
    }

    [Fact]
    public void Captured_failed_exec_has_errno_and_wall_clock_time()
    {
        var (events, _) = ParseCapture();
        var missing = Assert.Single(events, e => e.CommandLine == "/nonexistent/fixture-missing");
        Assert.Equal(-2, missing.Ret);
        Assert.Equal("ENOENT", missing.Error);
        Assert.Equal(4538, missing.ProcessId);
        Assert.Equal(4537, missing.ParentProcessId);
        // nsecs 3952088959468 is 911.040532 ms before MonotonicNow.
        Assert.Equal(Now - TimeSpan.FromTicks(9110405), missing.Timestamp);
    }

    [Fact]
    public void Captured_arguments_are_exact()
    {
        var (events, _) = ParseCapture();
        var echo = Assert.Single(events, e => e.ProcessName == "echo");
        Assert.Equal(["/bin/echo", "arg with spaces", "line1\nline2", "q\"uote", "tab\there", "back\\slash", ""], echo.Arguments);
        var many = Assert.Single(events, e => e.ProcessName == "true" && e.Arguments.Count > 2);
        Assert.True(many.Truncated);
        Assert.Equal(20, many.Arguments.Count);
        Assert.Contains(events, e => e.Uid == 65534);
    }

    [Fact]
    public void Interleaved_threads_are_kept_apart()
    {
        var events = Fixtures.ParseAll(new BpftraceExecParser(new FixedClock(Now, MonotonicNow)),
        [
            """{"type": "value", "data": ["arg",1,0,"/bin/a"]}""",
            """{"type": "value", "data": ["arg",2,0,"/bin/b"]}""",
            """{"type": "value", "data": ["arg",1,1,"a1"]}""",
            """{"type": "value", "data": ["exit",2,2,1,0,0,"b",1]}""",
            """{"type": "value", "data": ["exit",1,1,1,0,-13,"a",2]}""",
        ]);
        Assert.Equal(["/bin/b"], events[0].Arguments);
        Assert.Equal(["/bin/a", "a1"], events[1].Arguments);
        Assert.Equal("EACCES", events[1].Error);
    }

    [Fact]
    public void Lost_events_attach_notice_and_garbage_are_classified()
    {
        var parser = new BpftraceExecParser(new FixedClock(Now, MonotonicNow));
        var output = new List<ExecEvent>();
        Assert.Equal(LineKind.Ready, parser.Parse("""{"type": "attached_probes", "data": {"probes": 2}}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 42}}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["exit","not-a-tid"]}""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": ["ex""", output));
        Assert.Equal(LineKind.Unparsable, parser.Parse("Attaching 2 probes...", output));
        Assert.Equal(42, parser.Stats.LostEvents);
        Assert.Equal(3, parser.Stats.Unparsed);
        Assert.Empty(output);
    }
}
