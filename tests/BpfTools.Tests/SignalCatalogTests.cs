using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SignalCatalogTests
{
    private static readonly SignalOptions None = new(null, null, false);
    private static readonly SignalOptions All = new(42, 10, true);

    private static BackendSpec<SignalOptions, SignalEvent> Backend(ToolSpec<SignalOptions, SignalEvent> tool, BackendKind kind) =>
        tool.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Libbpf_takes_the_filters_as_its_flags_and_killsnoop_adds_kill_mode()
    {
        Assert.Empty(Backend(ToolCatalog.Signal, BackendKind.Libbpf).Arguments(None));
        Assert.Equal(["-x", "-p", "42", "-s", "10"], Backend(ToolCatalog.Signal, BackendKind.Libbpf).Arguments(All));
        Assert.Equal(["-k"], Backend(ToolCatalog.Kill, BackendKind.Libbpf).Arguments(None));
        Assert.Equal(["-k", "-x", "-p", "42", "-s", "10"], Backend(ToolCatalog.Kill, BackendKind.Libbpf).Arguments(All));
    }

    [Fact]
    public void Bcc_is_killsnoop_only_and_takes_the_same_flags()
    {
        Assert.DoesNotContain(ToolCatalog.Signal.Backends, b => b.Kind == BackendKind.Bcc);
        Assert.Empty(Backend(ToolCatalog.Kill, BackendKind.Bcc).Arguments(None));
        Assert.Equal(["-x", "-p", "42", "-s", "10"], Backend(ToolCatalog.Kill, BackendKind.Bcc).Arguments(All));
        Assert.Equal(ProbeKind.Kprobe, Backend(ToolCatalog.Kill, BackendKind.Bcc).Probes);
    }

    [Fact]
    public void Bpftrace_takes_the_mode_the_filters_and_the_time_limit_as_positional_parameters()
    {
        Assert.Equal(["0", "-1", "-1", "0", "-1"], Backend(ToolCatalog.Signal, BackendKind.Bpftrace).Arguments(None));
        Assert.Equal(["1", "42", "10", "1", "-1"], Backend(ToolCatalog.Kill, BackendKind.Bpftrace).Arguments(All));
        Assert.Equal(["1", "-1", "-1", "0", "15"], Backend(ToolCatalog.Kill, BackendKind.Bpftrace).Arguments(None, TimeSpan.FromSeconds(5)));
        Assert.All([ToolCatalog.Signal, ToolCatalog.Kill], t => Assert.Equal("sigsnoop.bt", Backend(t, BackendKind.Bpftrace).Program));
    }

    [Fact]
    public void Both_are_listed_and_all_but_bcc_read_tracepoints()
    {
        Assert.Contains(ToolCatalog.Signal, ToolCatalog.All);
        Assert.Contains(ToolCatalog.Kill, ToolCatalog.All);
        Assert.All(ToolCatalog.Signal.Backends.Concat(ToolCatalog.Kill.Backends).Where(b => b.Kind != BackendKind.Bcc),
            b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
    }

    [Theory]
    [InlineData("SIGKILL", 9)]
    [InlineData("usr1", 10)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("sigrtmin+1", 35)]
    [InlineData("SIGRTMAX", 64)]
    public void Signal_names_turn_into_numbers(string name, int number)
    {
        Assert.True(SignalName.TryNumber(name, out var n));
        Assert.Equal(number, n);
        Assert.Equal(name.ToUpperInvariant().Replace("SIG", "", StringComparison.Ordinal), SignalName.Of(n)[3..]);
    }

    [Theory]
    [InlineData("SIGNOPE")]
    [InlineData("signal 32")]
    [InlineData("SIGRTMIN+31")]
    [InlineData("9")]
    [InlineData("")]
    public void Unknown_signal_names_are_refused(string name) => Assert.False(SignalName.TryNumber(name, out _));
}
