using System.Diagnostics;
using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// The runner on its own, with /bin/sh scripts for tools and a small parser of their lines: "now" is an event at
/// the moment it is read, "early" one a minute before, "later" one an hour on, "lost N" a lost-events notice,
/// anything else unparsable.
/// </summary>
[Collection(RunnerCollection.Name)]
public partial class TracingRunTests
{
    [Fact]
    public void Records_arrive_in_order_and_the_queue_completes_when_the_tool_exits()
    {
        using var run = Run("echo header; for i in 1 2 3; do echo now; done; echo junk; echo now");
        var (records, messages) = Drain(run);
        Assert.Equal(4, records.Count);
        Assert.Equal([RunMessageKind.Unparsable], messages.Select(m => m.Kind));
        var outcome = run.Completion.Result;
        Assert.True(outcome.Ready);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public void A_stop_is_SIGINT_to_the_tool_which_can_still_print_its_last_words()
    {
        using var run = Run("trap 'echo now; exit 0' INT; echo header; while :; do sleep 0.05; done");
        run.Start();
        WaitUntil(() => run.Stats.Lines > 0);
        run.RequestStop();
        var (records, _) = Drain(run, start: false);
        Assert.Single(records);
        Assert.Null(run.Completion.Result.ExitCode);
        Assert.False(run.KilledAfterGrace);
    }

    [Fact]
    public void A_tool_that_ignores_SIGINT_is_killed_after_the_grace_period()
    {
        using var run = Run("trap '' INT; echo header; while :; do sleep 0.05; done");
        run.Start();
        WaitUntil(() => run.Stats.Lines > 0);
        var clock = Stopwatch.StartNew();
        run.RequestStop();
        Drain(run, start: false);
        Assert.True(run.KilledAfterGrace);
        Assert.InRange(clock.Elapsed, TracingRun<ExecEvent>.GracePeriod, TracingRun<ExecEvent>.GracePeriod + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void After_the_Duration_events_of_the_window_still_coming_are_all_read()
    {
        // 200,000 events of the window (stamped a minute ago) in one flood, far more than arrive before it ends.
        using var run = Run("echo header; yes early | head -n 200000; sleep 30", duration: TimeSpan.FromSeconds(0.05));
        var (records, _) = Drain(run);
        Assert.Equal(200_000, records.Count);
        Assert.Equal("the tool's output went quiet", run.Window!.StopReason);
        Assert.Equal(0, run.Window.DroppedAfter);
    }

    [Fact]
    public void After_the_Duration_an_event_stamped_after_it_is_dropped_counted_and_ends_the_run()
    {
        // Events of the window keep coming for 0.6 s, past its end at 0.1 s, then one stamped after it, then more.
        using var run = Run("echo header; for n in 600 2000; do end=$(($(date +%s%N) + n * 1000000)); " +
            "while [ $(date +%s%N) -lt $end ]; do echo early; done; echo later; done; sleep 30", duration: TimeSpan.FromSeconds(0.1));
        var clock = Stopwatch.StartNew();
        var (records, _) = Drain(run);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.True(r.Timestamp < DateTime.Now));
        Assert.Equal("an event stamped after it arrived", run.Window!.StopReason);
        Assert.Equal(1, run.Window.DroppedAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the run should end once its events pass the window");
    }

    [Fact]
    public void Lost_event_notices_are_warned_about_at_most_once_a_second_and_all_counted()
    {
        using var run = Run("echo header; for i in $(seq 1 200); do echo 'lost 5'; done; echo now");
        var (records, messages) = Drain(run);
        Assert.Single(records);
        Assert.Equal(1000, run.LostEvents);
        var warnings = messages.Where(m => m.Kind == RunMessageKind.LostEvents).Select(m => m.Text).ToList();
        // The first notice is warned about at once; the rest came within the same second, so at the end, together.
        Assert.Equal(["The kernel lost 5 events (its buffer overflowed).", "The kernel lost 995 more events (1000 in all so far)."], warnings);
    }

    [Fact]
    public void A_tool_that_cannot_be_started_says_why()
    {
        using var run = new TracingRun<ExecEvent>(new ToolInvocation("/nonexistent/bpftools-tool", [], new Dictionary<string, string?>()),
            new LineParser(), null, TimeSpan.FromSeconds(5));
        Drain(run);
        var outcome = run.Completion.Result;
        Assert.False(outcome.Ready);
        Assert.True(outcome.StartError is not null || outcome.ExitCode is not 0, "a missing executable must not look like a run");
    }

    private static TracingRun<ExecEvent> Run(string script, TimeSpan? duration = null) =>
        new(new ToolInvocation("/bin/sh", ["-c", script], new Dictionary<string, string?>()), new LineParser(), duration, TimeSpan.FromSeconds(10));

    private static (List<ExecEvent> Records, List<RunMessage> Messages) Drain(TracingRun<ExecEvent> run, bool start = true)
    {
        if (start)
        {
            run.Start();
        }
        var records = new List<ExecEvent>();
        var messages = new List<RunMessage>();
        foreach (var item in run.Queue.GetConsumingEnumerable(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            if (item is List<ExecEvent> batch)
            {
                records.AddRange(batch);
            }
            else
            {
                messages.Add((RunMessage)item);
            }
        }
        run.Completion.Wait(TimeSpan.FromSeconds(30));
        return (records, messages);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            Thread.Sleep(20);
        }
    }

    private sealed class LineParser : IRecordParser<ExecEvent>
    {
        public ParseStats Stats { get; } = new();

        public LineKind Parse(string line, List<ExecEvent> output)
        {
            Stats.CountLine();
            switch (line)
            {
                case "header":
                    return LineKind.Ready;
                case "now" or "early" or "later":
                    Stats.CountRecord();
                    var offset = line switch { "early" => TimeSpan.FromMinutes(-1), "later" => TimeSpan.FromHours(1), _ => TimeSpan.Zero };
                    output.Add(new ExecEvent { Timestamp = DateTime.Now + offset });
                    return LineKind.Record;
                case ['l', 'o', 's', 't', ' ', ..]:
                    Stats.CountLost(long.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
                    return LineKind.Lost;
                default:
                    Stats.CountUnparsed(line);
                    return LineKind.Unparsable;
            }
        }

        public void Flush(List<ExecEvent> output)
        {
        }
    }
}

/// <summary>
/// The runner's tests time real processes against quiet periods of a fraction of a second: they run alone, not
/// beside other tests competing for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerCollection
{
    public const string Name = "Runner";
}
