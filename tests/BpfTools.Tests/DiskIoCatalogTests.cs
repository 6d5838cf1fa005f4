using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class DiskIoCatalogTests
{
    private static BackendSpec<DiskIoOptions, DiskIoEvent> DiskIo(BackendKind kind) =>
        ToolCatalog.DiskIo.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Auto_order_is_libbpf_then_bcc_then_bpftrace()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.DiskIo.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.DiskIo, ToolCatalog.All);
        Assert.Equal(ProbeKind.Kprobe, DiskIo(BackendKind.Bcc).Probes);
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void Disk_and_queue_time_become_biosnoop_flags(BackendKind kind)
    {
        Assert.Empty(DiskIo(kind).Arguments(new DiskIoOptions(null, null, false)));
        Assert.Equal(["-d", "vda", "-Q"], DiskIo(kind).Arguments(new DiskIoOptions("vda", 266338304, true)));
        Assert.Equal(["-Q"], DiskIo(kind).Arguments(new DiskIoOptions(null, null, true)));
    }

    [Fact]
    public void Bpftrace_takes_the_disk_number_and_the_queue_switch_after_a_double_dash()
    {
        var check = new LocatedBackend(DiskIo(BackendKind.Bpftrace).Kind, "/usr/bin/bpftrace", "/m/bpftrace/biosnoop.bt", null);
        var all = ToolInvocation.For(check, DiskIo(BackendKind.Bpftrace).Arguments(new DiskIoOptions(null, null, false)));
        Assert.Equal(["-f", "json", "/m/bpftrace/biosnoop.bt", "--", "-1", "0", "-1"], all.Arguments);
        Assert.Equal(["266338304", "1", "-1"], DiskIo(BackendKind.Bpftrace).Arguments(new DiskIoOptions("vda", 266338304, true)));
    }

    [Fact]
    public void Bundled_bpftrace_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", DiskIo(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}
