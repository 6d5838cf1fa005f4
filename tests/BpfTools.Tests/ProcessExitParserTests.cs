using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class ProcessExitTextParserTests
{
    // Just after the capture's exit3 second (14:59:56).
    private static readonly DateTime ReadAt = new(2026, 11, 30, 14, 59, 56, 400, DateTimeKind.Local);

    private static (List<ProcessExitEvent> Events, ProcessExitTextParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new ProcessExitTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("captured/exitsnoop-libbpf-t.txt", 45)]
    [InlineData("captured/exitsnoop-libbpf-tT.txt", -1)]
    [InlineData("captured/exitsnoop-libbpf-x.txt", 11)]
    [InlineData("bcc-examples/exitsnoop.txt", 8)]
    public void Capture_parses_every_row(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture).Where(l => l.Length > 0).ToList();
        var parser = new ProcessExitTextParser(new FixedClock(ReadAt, 0));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Equal(LineKind.Ready, kinds[0]);
        Assert.Equal(rows < 0 ? lines.Count - 1 : rows, parser.Stats.Records);
        Assert.Equal(lines.Count - 1, parser.Stats.Records);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Exit_codes_signals_and_core_dumps_read_from_the_libbpf_capture()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/exitsnoop-libbpf-t.txt"));
        var exit3 = Assert.Single(events, e => e.ProcessName == "bpfcap-exit3");
        Assert.Equal((11219, 11209, 11219, 3, null, false), (exit3.ProcessId, exit3.ParentProcessId, exit3.ThreadId, exit3.ExitCode, exit3.Signal, exit3.CoreDumped));
        Assert.Equal(TimeSpan.Zero, exit3.Age);
        Assert.True(exit3.Failed);
        // Read within the printed second: the arrival time.
        Assert.Equal(ReadAt, exit3.Timestamp);

        var killed = Assert.Single(events, e => e.ProcessName == "bpfcap-kill9");
        Assert.Equal((null, "SIGKILL", false), (killed.ExitCode, killed.Signal, killed.CoreDumped));
        Assert.Equal(TimeSpan.FromMilliseconds(210), killed.Age);

        var segv = events.Where(e => e.ProcessName == "bpfcap-segv").ToList();
        Assert.Equal([("SIGSEGV", true), ("SIGTERM", false)], segv.Select(e => (e.Signal!, e.CoreDumped)));
        Assert.Equal(5, Assert.Single(events, e => e.ProcessName == "bpfcap-thr").ExitCode);

        var ok = Assert.Single(events, e => e.ProcessName == "name with space");
        Assert.Equal((0, null, false), (ok.ExitCode, ok.Signal, ok.Failed));
        Assert.Contains(events, e => e.ProcessName == "exit-workload.s" && e.Age == TimeSpan.FromSeconds(1.33));
        Assert.Equal(new DateTime(2026, 11, 30, 14, 59, 58, DateTimeKind.Local), events[^1].Timestamp);
    }

    [Fact]
    public void Thread_rows_keep_their_thread_id()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/exitsnoop-libbpf-tT.txt"));
        var thr = events.Where(e => e.ProcessName == "bpfcap-thr").ToList();
        Assert.Equal([(11282, 11283, 0), (11282, 11282, 5)], thr.Select(e => (e.ProcessId, e.ThreadId, e.ExitCode!.Value)));
    }

    [Fact]
    public void Rows_without_a_time_column_are_dated_by_their_arrival()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/exitsnoop-libbpf-x.txt"));
        Assert.All(events, e => Assert.Equal(ReadAt, e.Timestamp));
        Assert.All(events, e => Assert.True(e.Failed));
    }

    [Fact]
    public void Bcc_signal_names_without_SIG_read_by_number()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/exitsnoop.txt"));
        Assert.Equal(["SIGINT", "SIGINT"], events.Where(e => e.Signal is not null).Select(e => e.Signal!));
        Assert.Equal(65, events[1].ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(1.65), events[1].Age);
    }

    [Theory]
    // Newer bcc: "%-7d" columns and milliseconds after -t; a trailing space after ", core dumped ".
    [InlineData("13:20:22.997 bash             18300   17656   18300   1.65    code 65", "bash", 65, null, false)]
    [InlineData("bcc-core         41      1       41      0.01    signal 6 (ABRT), core dumped ", "bcc-core", null, "SIGABRT", true)]
    // A name that holds digits, spaces and parentheses, and a real-time signal.
    [InlineData("15:00:00 a 12 (x)  3     11273   11282   11283   0.20    signal 35 (Real-time signal 1)", "a 12 (x)  3", null, "SIGRTMIN+1", false)]
    // A name wider than its column (multi-byte characters: printf pads bytes).
    [InlineData("15:00:00 nämé-with-ümläuts 11 1 11 0.00    0", "nämé-with-ümläuts", 0, null, false)]
    public void Nasty_rows_read(string line, string name, int? code, string? signal, bool core)
    {
        var (events, parser) = Parse([line]);
        var e = Assert.Single(events);
        Assert.Equal((name, code, signal, core), (e.ProcessName, e.ExitCode, e.Signal, e.CoreDumped));
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Theory]
    [InlineData("15:00:00 bpfcap-thr       11282   11273   11283   0.20")]
    [InlineData("15:00:00 bpfcap-thr       11282   11273   11283   0.20    code")]
    [InlineData("15:00:00 bpfcap-thr       11282   11273   11283   0.20    signal 9 (Killed")]
    [InlineData("15:00:00 bpfcap-thr       11282   11273   11283   zero    0")]
    [InlineData("15:00:00 bpfcap-thr       11282   -11273  11283   0.20    0")]
    [InlineData("15:00:00 bpfcap-thr       99999999999 1   11283   0.20    0")]
    [InlineData("25:00:00 bpfcap-thr       11282   11273   11283   0.20    0")]
    [InlineData("garbage")]
    [InlineData("\u0000\u0001")]
    public void Broken_rows_are_counted_not_thrown(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}

public class BpftraceProcessExitParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 20, 25, 0, DateTimeKind.Local);
    private const long MonotonicNow = 21_362_000_000_000;

    private static (List<ProcessExitEvent> Events, BpftraceProcessExitParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new BpftraceProcessExitParser(new FixedClock(Now, MonotonicNow));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Fact]
    public void Captured_run_reads_codes_signals_core_dumps_and_threads()
    {
        var lines = Fixtures.Lines("captured/exitsnoop-bpftrace-T.json").Where(l => l.Length > 0).ToList();
        var (events, parser) = Parse(lines);
        Assert.Equal(lines.Count - 1, events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);

        var exit3 = Assert.Single(events, e => e.ProcessName == "bpfproc-exit3");
        Assert.Equal((28810, 28810, 28809, 3, null), (exit3.ProcessId, exit3.ThreadId, exit3.ParentProcessId, exit3.ExitCode, exit3.Signal));
        Assert.Equal(TimeSpan.FromTicks(197239), exit3.Age);
        Assert.Equal(Now - TimeSpan.FromTicks((MonotonicNow - 21_360_490_728_068) / 100), exit3.Timestamp);

        var killed = Assert.Single(events, e => e.ProcessName == "bpfproc-kill9");
        Assert.Equal((null, "SIGKILL", false), (killed.ExitCode, killed.Signal, killed.CoreDumped));
        var segv = Assert.Single(events, e => e.ProcessName == "bpfproc-segv");
        Assert.Equal((null, "SIGSEGV", true), (segv.ExitCode, segv.Signal, segv.CoreDumped));
        Assert.Equal(0, Assert.Single(events, e => e.ProcessName == "bpfproc name sp").ExitCode);
        var thr = events.Where(e => e.ProcessName == "bpfproc-thr").ToList();
        Assert.Equal([(28843, 0), (28830, 5)], thr.Select(e => (e.ThreadId, e.ExitCode!.Value)));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": ["exit",1,1,0,768,-5,21360490728068,"neg-age"]}""")]
    [InlineData("""{"type": "value", "data": ["exit",1,1,0,768,5,21360490728068]}""")]
    [InlineData("""{"type": "value", "data": ["open",1,1,0,768,5,21360490728068,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["exit","1",1,0,768,5,21360490728068,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["exit",1,1,0,768,5,2136049""")]
    public void Wrong_tuples_are_counted_not_thrown(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}
