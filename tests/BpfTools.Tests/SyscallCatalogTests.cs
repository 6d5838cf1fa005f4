using BpfTools.Catalog;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class SyscallCatalogTests
{
    private static IReadOnlyList<string> Arguments(BackendKind kind, SyscallOptions options, TimeSpan? duration = null) =>
        ToolCatalog.SyscallFor(options).Backends.Single(b => b.Kind == kind).Arguments(options, duration);

    [Fact]
    public void Libbpf_then_bcc_then_bpftrace_all_on_tracepoints()
    {
        Assert.Equal(("syscount", "Get-BpfSyscall"), (ToolCatalog.Syscall.Name, ToolCatalog.Syscall.Cmdlet));
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.Syscall.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.Syscall.Backends, b => Assert.Equal(ProbeKind.Tracepoint, b.Probes));
        Assert.Equal("syscount.bt", ToolCatalog.Syscall.Backends[2].Program);
        Assert.Single(ToolCatalog.All, t => t.Name == "syscount");
    }

    [Theory]
    [InlineData(BackendKind.Libbpf)]
    [InlineData(BackendKind.Bcc)]
    public void The_tools_get_top_and_the_duration_and_every_filter_as_their_own_flags(BackendKind kind)
    {
        Assert.Equal(["-T", "10", "-d", "20"], Arguments(kind, new SyscallOptions(), TimeSpan.FromSeconds(10)));
        Assert.Equal(["-T", "10"], Arguments(kind, new SyscallOptions()));
        Assert.Equal(["-T", "3", "-L", "-P", "-x", "-e", "2", "-p", "42", "-i", "5", "-d", "40"],
            Arguments(kind, new SyscallOptions(5, PerProcess: true, Latency: true, FailedOnly: true, Errno: 2, ProcessId: 42, Top: 3),
                TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Bpftrace_gets_positional_parameters_with_minus_one_for_no_filter_and_a_day_for_no_interval()
    {
        Assert.Equal(["0", "-1", "0", "-1", "0", "86400", "20"], Arguments(BackendKind.Bpftrace, new SyscallOptions(), TimeSpan.FromSeconds(10)));
        Assert.Equal(["1", "42", "1", "2", "1", "5", "-1"],
            Arguments(BackendKind.Bpftrace, new SyscallOptions(5, PerProcess: true, Latency: true, FailedOnly: true, Errno: 2, ProcessId: 42)));
    }

    [Fact]
    public void The_text_parsers_are_told_when_every_count_is_a_failure()
    {
        var options = new SyscallOptions(Errno: 2);
        var parser = ToolCatalog.SyscallFor(options).Backends[0].CreateParser(Parsers.TraceClock.System);
        var rows = new List<SyscallSummary>();
        parser.Parse("SYSCALL                   COUNT", rows);
        parser.Parse("openat                    19247", rows);
        Assert.Equal(19247L, Assert.Single(rows).Errors);
        Assert.True(new SyscallOptions(FailedOnly: true).CountsFailures);
        Assert.False(new SyscallOptions().CountsFailures);
    }

    [Theory]
    [InlineData("ENOENT", 2)]
    [InlineData("eacces", 13)]
    [InlineData("ECONNREFUSED", 111)]
    public void Errno_names_turn_into_numbers(string name, int number)
    {
        Assert.True(Errno.TryNumber(name, out var errno));
        Assert.Equal(number, errno);
        Assert.Equal(name.ToUpperInvariant(), Errno.Name(errno));
    }

    [Fact]
    public void Unknown_errno_names_and_syscall_numbers()
    {
        Assert.False(Errno.TryNumber("ENOPE", out _));
        Assert.False(Errno.TryNumber("", out _));
        Assert.Contains("ENOENT", Errno.Names);
        Assert.Equal("getpriority", Parsers.SyscallNames.Name(140));
        Assert.Equal("read", Parsers.SyscallNames.Name(0));
        Assert.Equal("io_uring_setup", Parsers.SyscallNames.Name(425));
        Assert.Equal("file_setattr", Parsers.SyscallNames.Name(469));
        Assert.Equal("[unknown: 400]", Parsers.SyscallNames.Name(400));
        Assert.Equal("[unknown: 470]", Parsers.SyscallNames.Name(470));
        Assert.Equal("[unknown: -1]", Parsers.SyscallNames.Name(-1));
    }
}
