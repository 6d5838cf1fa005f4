using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// What can go wrong in a run, each case ending with no tool left and nothing already emitted lost: the tool killed
/// or stopped mid-run (real execsnoop on this kernel), its output cut or garbled, bpftrace's own errors, a flood of
/// lost-event notices (stand-ins replaying real captured output), and the pipeline ending downstream.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class FaultTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _session.Dispose();
        _files.ForEach(File.Delete);
    }

    [Theory]
    [InlineData("KILL", 9, "SIGKILL")]
    [InlineData("SEGV", 11, "SIGSEGV")]
    public void Tool_killed_by_a_signal_mid_run_keeps_the_events_so_far_then_a_ToolExited_error_names_the_signal(string signal, int number, string name)
    {
        var marker = Kernel.UniqueMissingPath("killed");
        PsResult result;
        int beforeKill;
        using (Kernel.RepeatFailingExec(marker, everyMs: 50))
        {
            var running = _session.Start("Get-BpfExec -Duration 30 -Backend Libbpf");
            Assert.True(running.WaitForOutput(3, TimeSpan.FromSeconds(30)), "no events before the kill");
            beforeKill = running.Output.Count;
            Kill(signal, Kernel.WaitForChildTool(TimeSpan.FromSeconds(5)));
            result = ModuleSession.Complete(running, TimeSpan.FromSeconds(20));
        }
        Assert.Null(result.Terminating);
        Assert.True(result.Output.Count >= beforeKill, "the events written before the kill are kept");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ToolExited,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationStopped, error.CategoryInfo.Category);
        Assert.Contains($"was killed by {name} (signal {number})", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Tool_stopped_by_SIGSTOP_ends_at_the_Duration_all_the_same_and_is_said_to_have_stopped_answering()
    {
        var marker = Kernel.UniqueMissingPath("stopped");
        var clock = Stopwatch.StartNew();
        PsResult result;
        using (Kernel.RepeatFailingExec(marker, everyMs: 50))
        {
            var running = _session.Start("Get-BpfExec -Duration 2 -Backend Libbpf");
            // Once it traces (an event came), not before: a tool stopped before it attaches never starts tracing at all.
            Assert.True(running.WaitForOutput(1, TimeSpan.FromSeconds(30)), "no event before the stop");
            Kill("STOP", Kernel.WaitForChildTool(TimeSpan.FromSeconds(5)));
            result = ModuleSession.Complete(running, TimeSpan.FromSeconds(30));
        }
        clock.Stop();
        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.Contains("did not exit within 5 s of SIGINT, so it was killed: it was stopped", StringComparison.Ordinal));
        // -Duration, then the grace period SIGINT gets, then the kill: never longer.
        Assert.InRange(clock.Elapsed.TotalSeconds, 2, 2 + 5 + 5);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("a line cut in the middle", "0.900   0     sh               4600   4481    -2 \"/nonexist")]
    [InlineData("a line cut in the middle of a UTF-8 character", "0.900   0     sh               4600   4481    -2 \"/tmp/caf\u00e9\u00e9")]
    public void Standin_output_that_ends_in_the_middle_of_a_line_is_unparsable_output_and_the_rest_is_kept(string what, string cut)
    {
        var rows = CapturedExecRows();
        var bytes = Encoding.UTF8.GetBytes(cut);
        // Cut the last character's encoding in two where the case says so.
        var end = what.Contains("UTF-8", StringComparison.Ordinal) ? bytes.Length - 1 : bytes.Length;
        using var standIn = StandIn.Replay("execsnoop", Replay([.. rows.Select(r => Encoding.UTF8.GetBytes(r + "\n")), bytes[..end]]));
        var result = _session.Invoke("Get-BpfExec -Duration 1 -Backend Libbpf");
        Assert.Null(result.Terminating);
        Assert.Equal(rows.Count - 1, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Contains("the output ended in the middle of this line", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_binary_garbage_between_real_lines_is_unparsable_output_and_the_rest_is_kept()
    {
        var rows = CapturedExecRows();
        var garbage = new byte[300];
        new Random(7).NextBytes(garbage);
        garbage = [.. garbage.Select(b => b == (byte)'\n' ? (byte)0 : b), (byte)'\n'];
        using var standIn = StandIn.Replay("execsnoop",
            Replay([.. rows.Take(3).Select(r => Encoding.UTF8.GetBytes(r + "\n")), garbage, .. rows.Skip(3).Select(r => Encoding.UTF8.GetBytes(r + "\n"))]));
        var result = _session.Invoke("Get-BpfExec -Duration 1 -Backend Libbpf");
        Assert.Null(result.Terminating);
        Assert.Equal(rows.Count - 1, result.Output.Count);
        Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfExecCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Standin_bpftrace_json_cut_mid_record_is_unparsable_output_and_the_rest_is_kept()
    {
        var lines = File.ReadAllLines(StandIn.Fixture("captured/execsnoop-bpftrace.json"));
        var whole = lines.Count(l => l.Contains("\"exit\"", StringComparison.Ordinal));
        var cutAt = Array.FindIndex(lines, l => l.Contains("\"exit\"", StringComparison.Ordinal));
        var cut = lines[cutAt][..(lines[cutAt].Length / 2)];
        using var standIn = StandIn.Replay("bpftrace", Replay([.. lines.Take(cutAt).Append(cut).Concat(lines.Skip(cutAt + 1)).Select(l => Encoding.UTF8.GetBytes(l + "\n"))]));
        var result = _session.Invoke("Get-BpfExec -Duration 1 -Backend Bpftrace");
        Assert.Null(result.Terminating);
        Assert.Equal(whole - 1, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfExecCommand", error.FullyQualifiedErrorId);
        Assert.Equal(cut, error.TargetObject);
    }

    [Fact]
    public void Standin_bpftrace_whose_own_errors_leave_the_run_empty_is_said_to_have_printed_nothing_and_why()
    {
        const string stackError = "ERROR: failed to look up stack id -17 (pid -1): -2";
        using var standIn = StandIn.Replay("bpftrace", Replay([Encoding.UTF8.GetBytes("{\"type\": \"attached_probes\", \"data\": {\"probes\": 2}}\n")]), stackError);
        var result = _session.Invoke("Get-BpfExec -Duration 1 -Backend Bpftrace");
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        // Counted as a stack bpftrace could not look up, and quoted in the warning that the run printed nothing.
        Assert.Contains(result.Warnings, w => w.Contains("could not look up 1 of the stacks", StringComparison.Ordinal));
        var empty = Assert.Single(result.Warnings, w => w.Contains("printed no events", StringComparison.Ordinal));
        Assert.Contains(stackError, empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Standin_flood_of_lost_event_notices_is_coalesced_into_a_warning_a_second_with_the_whole_count()
    {
        var notices = string.Join('\n', Enumerable.Repeat("Lost 7 events on CPU #1!", 500));
        using var standIn = StandIn.Replay("execsnoop", Replay([.. CapturedExecRows().Select(r => Encoding.UTF8.GetBytes(r + "\n"))]), notices);
        var result = _session.Invoke("Get-BpfExec -Duration 2 -Backend Libbpf");
        result.AssertNoErrors();
        var lost = result.Warnings.Where(w => w.Contains("lost", StringComparison.OrdinalIgnoreCase)).ToList();
        // The first notice at once, the rest within the same second together at the end, and the run's total.
        Assert.InRange(lost.Count, 2, 4);
        Assert.Contains(lost, w => w.Contains("lost 3500 execsnoop events in all", StringComparison.Ordinal));
    }

    [Fact]
    public void Exception_thrown_downstream_in_ForEach_Object_stops_the_tool()
    {
        var marker = Kernel.UniqueMissingPath("throw");
        PsResult result;
        using (Kernel.RepeatFailingExec(marker))
        {
            result = ModuleSession.Complete(_session.Start("Get-BpfExec | ForEach-Object { throw 'downstream failed' }"), TimeSpan.FromSeconds(60));
        }
        Assert.Contains("downstream failed", result.Terminating?.Message ?? string.Join(' ', result.Errors), StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    /// <summary>The captured libbpf execsnoop header and rows, without its blank lines.</summary>
    private static List<string> CapturedExecRows() =>
        [.. File.ReadAllLines(StandIn.Fixture("captured/execsnoop-libbpf-xtUq.txt")).Where(l => l.Length > 0).Take(12)];

    /// <summary>A file of these bytes, for a stand-in to replay; deleted with the test.</summary>
    private string Replay(IEnumerable<byte[]> parts)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bpftools-fault-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, [.. parts.SelectMany(p => p)]);
        _files.Add(path);
        return path;
    }

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
