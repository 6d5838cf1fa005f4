using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class ProcessExitCatalogTests
{
    private static BackendSpec<ProcessExitOptions, ProcessExitEvent> Backend(BackendKind kind) =>
        ToolCatalog.ProcessExit.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Libbpf_takes_the_filters_as_its_flags_after_the_time_column()
    {
        Assert.Equal(["-t"], Backend(BackendKind.Libbpf).Arguments(new ProcessExitOptions(null, false, false)));
        Assert.Equal(["-t", "-T", "-x", "-p", "42"], Backend(BackendKind.Libbpf).Arguments(new ProcessExitOptions(42, true, true)));
    }

    [Fact]
    public void Bcc_never_gets_a_pid_that_would_end_its_run()
    {
        Assert.Empty(Backend(BackendKind.Bcc).Arguments(new ProcessExitOptions(42, false, false)));
        Assert.Equal(["--per-thread", "-x"], Backend(BackendKind.Bcc).Arguments(new ProcessExitOptions(42, true, true)));
    }

    [Fact]
    public void Bpftrace_takes_pid_threads_failed_only_and_the_time_limit_as_positional_parameters()
    {
        Assert.Equal(["-1", "0", "0", "-1"], Backend(BackendKind.Bpftrace).Arguments(new ProcessExitOptions(null, false, false)));
        Assert.Equal(["42", "1", "1", "-1"], Backend(BackendKind.Bpftrace).Arguments(new ProcessExitOptions(42, true, true)));
        Assert.Equal(["-1", "0", "0", "15"], Backend(BackendKind.Bpftrace).Arguments(new ProcessExitOptions(null, false, false), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Every_backend_reads_the_exit_tracepoint()
    {
        Assert.All(ToolCatalog.ProcessExit.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
        Assert.Contains(ToolCatalog.ProcessExit, ToolCatalog.All);
    }
}
