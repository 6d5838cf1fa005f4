using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class CpuProfileParserTests
{
    private static List<CpuStackSample> Folded(params string[] lines) => Fixtures.ParseAll(new FoldedStackTextParser(), lines);

    [Fact]
    public void Every_published_folded_stack_parses()
    {
        var plain = Fixtures.Lines("bcc-examples/profile-folded.txt").Where(l => l.Length > 0).ToList();
        var parser = new FoldedStackTextParser();
        var samples = Fixtures.ParseAll(parser, plain);
        Assert.Equal(8, samples.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Equal(2 + 2 + 11 + 12 + 23 + 28 + 57 + 64, samples.Sum(s => s.Count));
        Assert.Equal(["func_a", "main", "__libc_start_main", "[unknown]"], samples[0].UserStack);
        Assert.Empty(samples[0].KernelStack);
        Assert.Equal("func_ab", samples[0].ProcessName);
    }

    [Fact]
    public void Annotated_kernel_frames_and_the_delimiter_split_user_from_kernel()
    {
        var lines = Fixtures.Lines("bcc-examples/profile-folded-annotated.txt").Where(l => l.Length > 0).ToList();
        var parser = new FoldedStackTextParser();
        var samples = Fixtures.ParseAll(parser, lines);
        Assert.Equal(lines.Count, samples.Count);
        Assert.Equal(0, parser.Stats.Unparsed);
        var read = samples[3];
        Assert.Equal(["read", "[unknown]"], read.UserStack);
        Assert.Equal(["__fsnotify_parent", "security_file_permission", "rw_verify_area", "vfs_read", "SyS_read", "entry_SYSCALL_64_fastpath"], read.KernelStack);
        Assert.Equal("dd;[unknown];read;entry_SYSCALL_64_fastpath;SyS_read;vfs_read;rw_verify_area;security_file_permission;__fsnotify_parent", read.FoldedStack);
    }

    [Fact]
    public void Garbage_is_counted_and_spaces_in_names_kept()
    {
        var parser = new FoldedStackTextParser();
        var samples = Fixtures.ParseAll(parser, ["Web Content;f;-;k 3", "no count here", "x;y notanumber", ";a 1", ""]);
        var one = Assert.Single(samples);
        Assert.Equal("Web Content", one.ProcessName);
        Assert.Equal(["f"], one.UserStack);
        Assert.Equal(["k"], one.KernelStack);
        Assert.Equal(3, one.Count);
        Assert.Equal(3, parser.Stats.Unparsed);
    }

    [Fact]
    public void Every_captured_bpftrace_stack_parses_with_its_pid()
    {
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-both.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.True(samples.Count > 10);
        Assert.All(samples, s => Assert.Equal(("burnprof42", 10751), (s.ProcessName, s.ProcessId)));
        Assert.Contains(samples, s => s.KernelStack.Count > 0 && s.UserStack.Count > 0);
        var kernel = samples.First(s => s.KernelStack.Count > 0);
        Assert.Equal("pvm_irq_enable+25", kernel.KernelStack[0]);
        Assert.Equal(["0x5643356aab3c", "0x5643356c28c0"], kernel.UserStack);
        Assert.Equal(["0x5643356aabf4", "0x5643356c28c0"], samples[1].UserStack);
        Assert.Empty(samples[1].KernelStack);
        Assert.True(samples[0].End > samples[0].Start);
    }

    [Fact]
    public void Kernel_only_map_and_an_empty_stack()
    {
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-kernel.json"));
        Assert.Equal(2, samples.Count);
        Assert.Equal(["pvm_irq_enable+25", "__raw_callee_save_pvm_irq_enable+17", "irqentry_exit_to_user_mode+260", "asm_sysvec_apic_timer_interrupt+22"], samples[0].KernelStack);
        Assert.Equal(66, samples[1].Count);
        Assert.Empty(samples[1].KernelStack);
        Assert.Empty(samples[1].UserStack);
    }

    [Fact]
    public void A_comm_with_commas_and_a_map_of_the_wrong_shape()
    {
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser,
        [
            """{"type": "map", "data": {"@user": {"a,b,42,\n    f1\n    f2\n": 7}}}""",
            """{"type": "map", "data": {"@stacks": {"nopid,\n": 1}}}""",
        ]);
        var one = Assert.Single(samples);
        Assert.Equal(("a,b", 42, 7L), (one.ProcessName, one.ProcessId, one.Count));
        Assert.Equal(["f1", "f2"], one.UserStack);
        Assert.Equal("a,b;f2;f1", one.FoldedStack);
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void Every_second_s_maps_add_up_to_one_sample_per_stack_over_the_whole_window()
    {
        // profile.bt as BpfTools runs it (BPFTRACE_NO_USER_SYMBOLS=1) on a copy of /bin/sh in a loop, -ProcessId, 3.5 s:
        // four intervals, 62 samples of 54 distinct stacks, five of which come back in a later interval.
        var clock = new FixedClock(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Local), 4_900_000_000_000);
        var parser = new BpftraceCpuProfileParser(clock);
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-intervals.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Empty(parser.Stats.Warnings);
        Assert.Equal(54, samples.Count);
        Assert.Equal(54, parser.Stats.Records);
        Assert.Equal(62, samples.Sum(s => s.Count));
        Assert.Equal(samples.Count, samples.Select(s => string.Join('|', s.ProcessId, s.FoldedStack)).Distinct().Count());
        Assert.All(samples, s => Assert.Equal(("burnprof44", 4935), (s.ProcessName, s.ProcessId)));
        // 1 in the first interval, 2 in the fourth.
        var twice = Assert.Single(samples, s => s.UserStack.SequenceEqual(["0x7f45c10200ce", "0x558668ce1530", "0x558668ce38c0"]));
        Assert.Equal(3, twice.Count);
        Assert.Empty(twice.KernelStack);
        // Every sample spans the whole window, from "start" to "end".
        Assert.All(samples, s => Assert.Equal((clock.FromMonotonic(4869126857095), clock.FromMonotonic(4872660090909)), (s.Start, s.End)));
    }

    [Fact]
    public void A_map_printed_again_before_its_interval_ends_is_counted_once()
    {
        // Captured with bpftrace's own user symbols, whose loading is slow: stopped while it printed the third
        // interval's @stacks0, bpftrace skipped the clear() after it and END printed @stacks0 again, 19 samples then
        // 49 (the same 19 and those since). 158 counts printed, 139 samples taken.
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-stopped-while-printing.json"));
        Assert.Equal(0, parser.Stats.Unparsed);
        Assert.Empty(parser.Stats.Warnings);
        Assert.Equal(139, samples.Sum(s => s.Count));
        Assert.Equal(10, samples.Count);
    }

    [Fact]
    public void A_map_cut_off_after_an_error_is_unparsable_and_its_interval_reported()
    {
        // -Frequency 99, every process, killed (as after BpfTools' grace period) the moment bpftrace had flushed the start
        // of the 15th interval's @stacks0: it flushes its stdout before each "failed to look up stack id" on stderr.
        var parser = new BpftraceCpuProfileParser();
        var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-cut.json"));
        Assert.Equal(1, parser.Stats.Unparsed);
        Assert.Equal("""{"type": "map", "data": {"@stacks0": {""", Assert.Single(parser.Stats.UnparsedSamples));
        Assert.Equal(1619, samples.Sum(s => s.Count));
        Assert.Equal(
        [
            "The samples of 1 of 15 intervals could not be read whole: a map in bpftrace's output was cut off or malformed (counted as unparsable output).",
            "bpftrace's output stopped before the end of sampling, after 15 intervals: the samples it took after that are missing.",
        ], parser.Stats.Warnings);

        // Its stderr: the stack lookups are not attach failures (^ERROR:), so nothing here reads as a failed start.
        var stderr = Fixtures.Lines("captured/profile-bpftrace-cut.stderr.txt").Where(l => l.Length > 0).ToList();
        Assert.Equal([StderrKind.Harmless, StderrKind.StackLookupFailure, StderrKind.StackLookupFailure],
            stderr.Select(l => StderrClassifier.Classify(l, out _)));
    }

    [Fact]
    public void Folded_lines_are_root_first_user_then_kernel()
    {
        var sample = CpuStackSample.Create("app", 9, 12, ["k_leaf", "k_root"], ["u_leaf", "u_mid", "u_root"], default, default);
        Assert.Equal("app;u_root;u_mid;u_leaf;k_root;k_leaf", sample.FoldedStack);
        Assert.Equal("app;u_root;u_mid;u_leaf;k_root;k_leaf 12", FoldedStackFormat.Line(sample.FoldedStack, sample.Count));
        Assert.Equal("a:b;x:y 1", FoldedStackFormat.Line(FoldedStackFormat.Frames("a;b", ["x;y"], []), 1));
        Assert.Empty(Folded());
    }
}

public class CpuProfileCatalogTests
{
    private static BackendSpec<CpuProfileOptions, CpuStackSample> Profile(BackendKind kind) =>
        ToolCatalog.CpuProfile.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Backends_in_auto_order_on_perf_events()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.CpuProfile.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.CpuProfile.Backends, b => Assert.Equal(ProbeKind.PerfEvent, b.Probes));
        Assert.Equal("profile.bt", Profile(BackendKind.Bpftrace).Program);
        Assert.Contains(ToolCatalog.CpuProfile, ToolCatalog.All);
    }

    [Fact]
    public void Options_become_profile_flags()
    {
        var all = new CpuProfileOptions(49, null, false, false, TimeSpan.FromSeconds(10));
        var some = new CpuProfileOptions(99, 1234, true, false, TimeSpan.FromSeconds(2.5));
        Assert.Equal(["-F", "49", "-d", "-f", "10"], Profile(BackendKind.Libbpf).Arguments(all));
        Assert.Equal(["-F", "99", "-p", "1234", "-U", "-a", "-d", "-f", "3"], Profile(BackendKind.Bcc).Arguments(some));
        Assert.Equal(["49", "-1", "0", "-1"], Profile(BackendKind.Bpftrace).Arguments(all));
        Assert.Equal(["99", "1234", "1", "-1"], Profile(BackendKind.Bpftrace).Arguments(some));
        Assert.Equal(["7", "-1", "2", "-1"], Profile(BackendKind.Bpftrace).Arguments(all with { Frequency = 7, KernelOnly = true }));
    }

    [Fact]
    public void Bpftrace_leaves_user_frames_unresolved()
    {
        // bcc before 0.33 closes a random file descriptor each time bpftrace loads a process's symbols: its stdout, a map...
        var check = new LocatedBackend(Profile(BackendKind.Bpftrace).Kind, "/usr/bin/bpftrace", "/m/bpftrace/profile.bt", null);
        var invocation = ToolInvocation.For(check, ["49", "-1", "0"]);
        Assert.Equal("1", invocation.Environment["BPFTRACE_NO_USER_SYMBOLS"]);
    }
}
