using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class OomKillCatalogTests
{
    private static readonly OomKillOptions Options = new();

    private static BackendSpec<OomKillOptions, OomKillEvent> Backend(BackendKind kind) =>
        ToolCatalog.OomKill.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Libbpf_and_bcc_take_no_arguments_and_need_kprobes()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.OomKill.Backends.Select(b => b.Kind));
        foreach (var kind in new[] { BackendKind.Libbpf, BackendKind.Bcc })
        {
            Assert.Empty(Backend(kind).Arguments(Options));
            Assert.Empty(Backend(kind).Arguments(Options, TimeSpan.FromSeconds(5)));
            Assert.Equal(ProbeKind.Kprobe, Backend(kind).Probes);
        }
    }

    [Fact]
    public void Bpftrace_reads_the_tracepoint_and_takes_only_the_time_limit()
    {
        var bpftrace = Backend(BackendKind.Bpftrace);
        Assert.Equal(("oomkill.bt", ProbeKind.Tracepoint), (bpftrace.Program, bpftrace.Probes));
        Assert.Equal(["-1"], bpftrace.Arguments(Options));
        Assert.Equal(["15"], bpftrace.Arguments(Options, TimeSpan.FromSeconds(5)));
        Assert.Contains(ToolCatalog.OomKill, ToolCatalog.All);
    }

    [Fact]
    public void The_bundled_program_prints_every_field_the_parser_reads()
    {
        // 13 elements: the tag, the trigger (2), the victim (2), 7 tracepoint fields, nsecs.
        var program = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bpftrace-programs", "oomkill.bt"));
        Assert.Contains("tracepoint:oom:mark_victim", program, StringComparison.Ordinal);
        var print = program[program.IndexOf("print((", StringComparison.Ordinal)..];
        Assert.Equal(12, print[..print.IndexOf("));", StringComparison.Ordinal)].Count(c => c == ','));
    }
}
