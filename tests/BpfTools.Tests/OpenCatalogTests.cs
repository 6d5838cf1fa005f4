using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Runner;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

public class OpenCatalogTests
{
    private static BackendSpec<OpenOptions, Records.OpenEvent> Open(BackendKind kind) =>
        ToolCatalog.Open.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Filters_become_opensnoop_flags()
    {
        Assert.Equal(["-T", "-U", "-e"], Open(BackendKind.Libbpf).Arguments(new OpenOptions(null, null, null, false)));
        Assert.Equal(["-T", "-U", "-e", "-p", "42", "-u", "1000", "-x", "-n", "nginx"],
            Open(BackendKind.Libbpf).Arguments(new OpenOptions(42, "nginx", 1000, true)));
    }

    [Fact]
    public void Bpftrace_takes_pid_uid_and_failed_only_as_positional_parameters()
    {
        Assert.Equal(["-1", "-1", "0", "-1"], Open(BackendKind.Bpftrace).Arguments(new OpenOptions(null, null, null, false)));
        Assert.Equal(["42", "0", "1", "-1"], Open(BackendKind.Bpftrace).Arguments(new OpenOptions(42, "x", 0, true)));
    }
}
