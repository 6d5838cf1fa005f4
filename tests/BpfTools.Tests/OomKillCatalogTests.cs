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
}
