using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class OffCpuTimeParserTests
{
    private static readonly string[] Nanosleep =
        ["__schedule", "schedule", "do_nanosleep", "hrtimer_nanosleep", "common_nsleep", "__x64_sys_clock_nanosleep", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"];

    private static List<OffCpuStackSample> Text(OffCpuTimeTextParser parser, params string[] lines) => Fixtures.ParseAll(parser, lines);

    [Fact]
    public void A_name_with_spaces_its_thread_id_and_the_stack_split_at_the_syscall_entry()
    {
        var parser = new OffCpuTimeTextParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/offcputime-libbpf-p-2.txt"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(3, samples.Count);
        Assert.Equal(3911673, samples.Sum(s => s.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond));
        var read = samples[0];
        Assert.Equal(("off with space", 14902, 0), (read.ProcessName, read.ThreadId, read.ProcessId));
        Assert.Equal(TimeSpan.FromTicks(1956921 * TimeSpan.TicksPerMicrosecond), read.BlockedTime);
        // The BPF program's own frames are left out: the stack starts where the thread blocked.
        Assert.Equal(["__schedule", "schedule", "anon_pipe_read", "vfs_read", "ksys_read", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"], read.KernelStack);
        Assert.Equal(["read", "[unknown]"], read.UserStack);
        Assert.Equal("off with space;[unknown];read;entry_SYSCALL_64_after_hwframe;do_syscall_64;ksys_read;vfs_read;anon_pipe_read;schedule;__schedule", read.FoldedStack);
    }

    [Fact]
    public void Every_block_of_a_system_wide_run_parses_and_exited_processes_have_no_user_frames()
    {
        var parser = new OffCpuTimeTextParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/offcputime-libbpf-m100000-2.txt"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(38, samples.Count);
        Assert.Equal(25996279, samples.Sum(s => s.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond));
        Assert.All(samples, s => Assert.DoesNotContain(s.KernelStack, f => f.StartsWith("bpf_", StringComparison.Ordinal)));
        var sleep = samples.First(s => s.ProcessName == "sleep");
        Assert.Equal(Nanosleep, sleep.KernelStack);
        Assert.Empty(sleep.UserStack);
        var net = samples.First(s => s.ProcessName == ".NET TP Worker");
        Assert.Equal(["poll", "[unknown]"], net.UserStack.Take(2));
        Assert.Equal("pthread_condattr_setpshared", net.UserStack[^1]);
        Assert.Equal("entry_SYSCALL_64_after_hwframe", net.KernelStack[^1]);
    }

    [Fact]
    public void Parentheses_in_a_name_are_the_name_s_own()
    {
        var parser = new OffCpuTimeTextParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/offcputime-libbpf-u-m300000-3.txt"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(21, samples.Count);
        var marker = Assert.Single(samples, s => s.ProcessName == "bpfoff (p) 7");
        Assert.Equal((28213, 1000129L), (marker.ThreadId, marker.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond));
        Assert.Equal(Nanosleep, marker.KernelStack);
    }

    [Fact]
    public void A_kernel_thread_and_a_missed_kernel_stack()
    {
        var samples = Text(new OffCpuTimeTextParser(),
            "    bpf_prog_1_sched_switch", "    bpf_trace_run4", "    __schedule", "    schedule", "    worker_thread", "    kthread",
            "    ret_from_fork", "    ret_from_fork_asm", "    -                kworker/0:2 (55)", "        12", "",
            // Kernel stack missed (the tool says so on stderr): what is left is the user stack.
            "    poll", "    [unknown]", "    -                app (9)", "        7", "",
            // No entry frame but the BPF program's: a kernel stack cut short.
            "    bpf_prog_1_sched_switch", "    __schedule", "    -                k (3)", "        1", "");
        Assert.Equal(3, samples.Count);
        Assert.Equal(["__schedule", "schedule", "worker_thread", "kthread", "ret_from_fork", "ret_from_fork_asm"], samples[0].KernelStack);
        Assert.Empty(samples[0].UserStack);
        Assert.Equal(["poll", "[unknown]"], samples[1].UserStack);
        Assert.Empty(samples[1].KernelStack);
        Assert.Equal(["__schedule"], samples[2].KernelStack);
        Assert.Empty(samples[2].UserStack);
    }

    [Fact]
    public void Orphaned_frames_truncated_blocks_and_garbage_are_counted()
    {
        var parser = new OffCpuTimeTextParser();
        var samples = Text(parser,
            // Frames without their thread line (newer offcputime after a missed user stack), then a whole block.
            "    bpf_prog_1_sched_switch", "    __schedule", "    entry_SYSCALL_64",
            "    bpf_prog_1_sched_switch", "    __schedule", "    entry_SYSCALL_64", "    -                ok (1)", "        5", "",
            "garbage", "    -                no total (2)", "        x", "    -                 (3)", "        4", "",
            "    -                nothing in parentheses", "    f", "    -                cut (4)");
        var ok = Assert.Single(samples, s => s.ProcessName == "ok");
        Assert.Equal(["__schedule", "entry_SYSCALL_64"], ok.KernelStack);
        Assert.Contains(samples, s => s.ProcessName == "" && s.ThreadId == 3);
        Assert.Equal(2, samples.Count);
        // The orphaned frames, "garbage", the thread without a total, the line without a thread id, the cut block.
        Assert.Equal(5, parser.Stats.Unparsed);
    }

    [Fact]
    public void The_bpftrace_maps_add_up_per_thread_and_stack_and_a_comm_may_hold_commas()
    {
        var clock = new FixedClock(new DateTime(2026, 11, 30, 23, 38, 0, DateTimeKind.Local), 33_790_000_000_000);
        var parser = new BpftraceOffCpuTimeParser(clock);
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/offcputime-bpftrace.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Empty(parser.Stats.Warnings);
        // 660 keys printed over five intervals, 519 distinct; 111366346 us in all.
        Assert.Equal(519, samples.Count);
        Assert.Equal(111366346, samples.Sum(s => s.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond));
        var marker = samples.Single(s => s.ProcessName == "bpfoff sp,cap" && s.KernelStack.Contains("do_nanosleep+94"));
        Assert.Equal((20544, 20544, 1000122L), (marker.ProcessId, marker.ThreadId, marker.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond));
        Assert.Equal("__schedule+1576", marker.KernelStack[0]);
        Assert.Equal(["0x7f8fb0b62503"], marker.UserStack);
        Assert.Contains(samples, s => s.ProcessName.StartsWith("kworker/", StringComparison.Ordinal) && s.UserStack.Count == 0 && s.KernelStack.Count > 0);
        Assert.All(samples, s => Assert.Equal((clock.FromMonotonic(33780282712564), clock.FromMonotonic(33783513503056)), (s.Start, s.End)));
    }

    [Fact]
    public void Empty_stacks_in_bpftrace_keys_and_keys_of_the_wrong_shape()
    {
        var parser = new BpftraceOffCpuTimeParser();
        var samples = Fixtures.ParseAll(parser,
        [
            """{"type": "map", "data": {"@stacks0": {"a,b,7,8,,\n    0x1\n": 5, "c,1,2,\n    k\n,": 6, "nope,\n": 1, "": 2, ",": 3}}}""",
            """{"type": "map", "data": {"@kernel1": {"kw,3,3,\n    k1\n    k2\n": 9}, "@other0": {"x,1,1,": 1}}}""",
            """{"type": "value", "data": ["end",1]}""",
        ]);
        Assert.Equal(3, samples.Count);
        Assert.Equal(("a,b", 7, 8), (samples[0].ProcessName, samples[0].ProcessId, samples[0].ThreadId));
        Assert.Equal(["0x1"], samples[0].UserStack);
        Assert.Empty(samples[0].KernelStack);
        Assert.Equal(["k"], samples[1].KernelStack);
        Assert.Empty(samples[1].UserStack);
        Assert.Equal(["k1", "k2"], samples[2].KernelStack);
        Assert.Equal(TimeSpan.FromTicks(90), samples[2].BlockedTime);
        Assert.Equal(2, parser.Stats.Unparsed);
    }

    [Fact]
    public void The_tools_stderr_noise_is_no_failure()
    {
        var stderr = Fixtures.Lines("captured/offcputime-libbpf-m100000-2.stderr.txt").Where(l => l.Length > 0).Distinct();
        Assert.All(stderr, l => Assert.Equal(StderrKind.Info, StderrClassifier.Classify(l, out _)));
    }

    [Fact]
    public void Folded_with_the_microseconds_as_the_count()
    {
        var sample = OffCpuStackSample.Create("app", 0, 9, 1500, ["k_leaf", "k_root"], ["u_leaf", "u_root"], default, default);
        Assert.Equal("app;u_root;u_leaf;k_root;k_leaf", sample.FoldedStack);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), sample.BlockedTime);
    }
}
