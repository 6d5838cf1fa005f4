using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SignalTextParserTests
{
    // Just after the killsnoop capture's kill second (15:00:36).
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 0, 36, 300, DateTimeKind.Local);

    private static (List<SignalEvent> Events, SignalTextParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new SignalTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("captured/killsnoop-libbpf.txt", 11)]
    [InlineData("captured/killsnoop-libbpf-n.txt", 10)]
    [InlineData("captured/killsnoop-libbpf-xn.txt", 3)]
    [InlineData("captured/sigsnoop-libbpf.txt", 29)]
    [InlineData("captured/sigsnoop-libbpf-n.txt", 43)]
    [InlineData("captured/sigsnoop-libbpf-x.txt", 0)]
    [InlineData("bcc-examples/killsnoop.txt", 3)]
    public void Capture_parses_every_row(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture).Where(l => l.Length > 0).ToList();
        var parser = new SignalTextParser(new FixedClock(ReadAt, 0));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Equal(LineKind.Ready, kinds[0]);
        Assert.Equal(rows, parser.Stats.Records);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Kills_read_from_the_libbpf_capture_with_names_probes_failures_and_groups()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/killsnoop-libbpf.txt"));
        var kills = events.Where(e => e.SenderName == "kill with space").ToList();
        Assert.Equal(
            [("SIGUSR1", 10, 11756, 0), ("SIGUSR2", 12, 11756, 0), ("SIGRTMIN+1", 35, 11756, 0), (null, 0, 11756, 0),
             ("SIGUSR1", 10, 32767, -3), ("SIGTERM", 15, -11756, 0)],
            kills.Select(e => (e.Signal, e.SignalNumber, e.TargetProcessId, e.Result)));
        Assert.All(kills, e => Assert.Equal(11768, e.SenderProcessId));
        Assert.Equal(("ESRCH", true), (kills[4].Error, kills[4].Failed));
        Assert.Equal((null, false), (kills[0].Error, kills[0].Failed));
        Assert.Equal(ReadAt, kills[0].Timestamp);
        Assert.Equal(("SIGRTMIN", ".NET BGC"), (events[0].Signal, events[0].SenderName));
        Assert.Contains(events, e => e.SenderName == "timeout" && e.TargetProcessId == 0 && e.Signal == "SIGINT");
    }

    [Fact]
    public void Names_of_dash_n_read_as_the_numbers_they_stand_for()
    {
        var (numbers, _) = Parse(Fixtures.Lines("captured/killsnoop-libbpf.txt"));
        var (names, _) = Parse(Fixtures.Lines("captured/killsnoop-libbpf-n.txt"));
        Assert.Equal(
            numbers.Where(e => e.SenderName != ".NET BGC").Select(e => (e.SenderName, e.SignalNumber, e.Signal, e.Result)),
            names.Select(e => (e.SenderName, e.SignalNumber, e.Signal, e.Result)));
        var (failed, _) = Parse(Fixtures.Lines("captured/killsnoop-libbpf-xn.txt"));
        Assert.Equal(
            [(11911, 10, 32767, "ESRCH"), (1082, 0, -11976, "ESRCH"), (1082, 0, -11976, "ESRCH")],
            failed.Select(e => (e.SenderProcessId, e.SignalNumber, e.TargetProcessId, e.Error!)));
    }

    [Fact]
    public void Sigsnoop_rows_include_sigchld_and_the_kernels_own()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/sigsnoop-libbpf.txt"));
        Assert.Contains(events, e => e.SenderName == "sig-workload.sh" && e.Signal == "SIGCHLD");
        Assert.Contains(events, e => e.SenderProcessId == 0 && e.Signal == "SIGALRM");
        Assert.DoesNotContain(events, e => e.SignalNumber == 0 || e.Result != 0);
    }

    [Fact]
    public void Bcc_published_rows_read_with_their_narrower_columns()
    {
        var (events, _) = Parse(Fixtures.Lines("bcc-examples/killsnoop.txt"));
        Assert.Equal(
            [(13967, "bash", "SIGKILL", 13885, 0), (13967, "bash", "SIGKILL", 1024, -3), (815, "systemd-udevd", "SIGTERM", 14076, 0)],
            events.Select(e => (e.SenderProcessId, e.SenderName, e.Signal!, e.TargetProcessId, e.Result)));
    }

    [Theory]
    [InlineData("15:00:36 11768   kill with space  10        11756   0     ", "kill with space")]
    [InlineData("15:00:36 11768   x                10        11756   0     ", "x")]
    [InlineData("15:00:36 11768   1 2 3 4 5 6 7 8  10        11756   0     ", "1 2 3 4 5 6 7 8")]
    [InlineData("15:00:36 1234567 name            10        -11756  -1    ", "name")]
    [InlineData("15:00:36 11768   kill with space  SIGRTMIN+3 11756  0", "kill with space")]
    public void Nasty_names_and_columns_read(string line, string name)
    {
        var (events, parser) = Parse([line]);
        Assert.Equal(name, Assert.Single(events).SenderName);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Theory]
    [InlineData("15:00:36 11768   kill with space  10        11756")]
    [InlineData("15:00:36 11768   kill with space  10        11756   0     x")]
    [InlineData("15:00:36 11768   kill with space  SIGNOPE   11756   0     ")]
    [InlineData("15:00:36 11768   kill with space  99        11756   0     ")]
    [InlineData("15:00:36 11768   kill with space  10        11756   3     ")]
    [InlineData("15:00:36 -11768  kill with space  10        11756   0     ")]
    [InlineData("25:00:36 11768   kill with space  10        11756   0     ")]
    [InlineData("15:00:36 11768   kill with space  10        99999999999 0  ")]
    [InlineData("15:00:36")]
    [InlineData("garbage")]
    [InlineData("\u0000\u0001")]
    public void Broken_rows_are_counted_not_thrown(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}

public class BpftraceSignalParserTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 21, 15, 0, DateTimeKind.Local);
    private const long MonotonicNow = 25_170_000_000_000;

    private static (List<SignalEvent> Events, BpftraceSignalParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new BpftraceSignalParser(new FixedClock(Now, MonotonicNow));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Fact]
    public void Kill_mode_capture_reads_the_sent_the_probe_and_the_failed_kill()
    {
        var lines = Fixtures.Lines("captured/sigsnoop-bpftrace-k.json").Where(l => l.Length > 0).ToList();
        var (events, parser) = Parse(lines);
        Assert.Empty(parser.Stats.UnparsedSamples);
        Assert.Equal(lines.Count - 1, events.Count);
        var mine = events.Where(e => e.SenderName == "bpfcap-sigsend").ToList();
        Assert.Equal(
            [("SIGUSR1", 11194, 0, null), (null, 11196, 0, null), ("SIGUSR1", 32767, -3, "ESRCH")],
            mine.Select(e => (e.Signal, e.TargetProcessId, e.Result, e.Error)));
        // bash probing a gone process group (kill -0 -11225), widened to 32 bits unsigned by that capture's program.
        Assert.Contains(events, e => e.SenderName == "bash" && e.TargetProcessId == -11225 && e.SignalNumber == 0 && e.Error == "ESRCH");
        Assert.Equal(Now - TimeSpan.FromTicks((MonotonicNow - 25_158_730_559_923) / 100), mine[0].Timestamp);
    }

    [Fact]
    public void Generate_mode_capture_reads_the_signal_and_the_sigchlds()
    {
        var lines = Fixtures.Lines("captured/sigsnoop-bpftrace.json").Where(l => l.Length > 0).ToList();
        var (events, parser) = Parse(lines);
        Assert.Equal(lines.Count - 1, events.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(
            [("bpfcap-sigsend", "SIGUSR1", 11367), ("bpfcap-sigtgt", "SIGCHLD", 11363), ("bpfcap-sigsend", "SIGCHLD", 11363)],
            events.Where(e => e.SenderName.StartsWith("bpfcap", StringComparison.Ordinal)).Select(e => (e.SenderName, e.Signal!, e.TargetProcessId)));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": ["signal",1,2,65,0,25168523542934,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["signal",1,2,-1,0,25168523542934,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["signal",1,2,10,3,25168523542934,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["signal",1,2,10,0,25168523542934]}""")]
    [InlineData("""{"type": "value", "data": ["exit",1,2,10,0,25168523542934,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["signal","1",2,10,0,25168523542934,"x"]}""")]
    [InlineData("""{"type": "value", "data": ["signal",1,2,10,0,2516""")]
    [InlineData("""{"type": "value", "data": ["signal",1,4294967296,10,0,25168523542934,"x"]}""")]
    public void Wrong_tuples_are_counted_not_thrown(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}
