using System.Diagnostics;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// A run through sudo, with /bin/sh standing for sudo and the guard: what the guard relies on is a stdin pipe held
/// open for the run and closed when it is asked to stop, and no setpriv or env in front (they would not cross sudo).
/// </summary>
public partial class TracingRunTests
{
    [Fact]
    public void Through_sudo_the_command_runs_as_given_without_setpriv_or_env()
    {
        using var run = ThroughSudo("echo header");
        Assert.Equal("/bin/sh", run.Invocation.FileName);
        Assert.Null(run.Unprotected);
        Drain(run);
        Assert.Equal(0, run.Completion.Result.ExitCode);
    }

    [Fact]
    public void Through_sudo_stdin_stays_open_until_the_stop_then_closes()
    {
        // SIGINT ignored: only the end of stdin can end this stand-in, as it ends the guard's watcher.
        using var run = ThroughSudo("trap '' INT; echo header; cat >/dev/null; echo now");
        run.Start();
        WaitUntil(() => run.Stats.Lines > 0);
        Thread.Sleep(300);
        Assert.Equal(1, run.Stats.Lines);
        var clock = Stopwatch.StartNew();
        run.RequestStop();
        var (records, _) = Drain(run, start: false);
        Assert.Single(records);
        Assert.Null(run.Completion.Result.ExitCode); // a stopped run has no exit code, as when run as root
        Assert.False(run.KilledAfterGrace);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{clock.Elapsed}");
    }

    [Fact]
    public void Through_sudo_a_tool_that_ends_on_its_own_ends_the_run_while_stdin_is_held()
    {
        var clock = Stopwatch.StartNew();
        using var run = ThroughSudo("echo header; echo now");
        var (records, _) = Drain(run);
        Assert.Single(records);
        Assert.Equal(0, run.Completion.Result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
    }

    private static TracingRun<ExecEvent> ThroughSudo(string script) =>
        new(new ToolInvocation("/bin/sh", ["-c", script], new Dictionary<string, string?>()) { ThroughSudo = true },
            new LineParser(), null, TimeSpan.FromSeconds(10));
}
