using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Runner;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

public class CatalogTests
{
    private static BackendSpec<ExecOptions, Records.ExecEvent> Exec(BackendKind kind) =>
        ToolCatalog.Exec.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Auto_order_is_libbpf_then_bcc_then_bpftrace()
    {
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc, BackendKind.Bpftrace], ToolCatalog.Exec.Backends.Select(b => b.Kind));
        Assert.Contains(ToolCatalog.Exec, ToolCatalog.All);
    }

    [Fact]
    public void Libbpf_arguments_include_failures_timestamps_uid_quotes_and_push_filters_down()
    {
        Assert.Equal(["-x", "-t", "-U", "-q", "--max-args", "60"], Exec(BackendKind.Libbpf).Arguments(new ExecOptions(null, null)));
        Assert.Equal(["-x", "-t", "-U", "-q", "--max-args", "60", "-u", "1000", "-n", "bash"],
            Exec(BackendKind.Libbpf).Arguments(new ExecOptions("bash", 1000)));
    }

    [Fact]
    public void Bcc_does_not_get_the_name_filter_whose_meaning_differs()
    {
        Assert.Equal(["-x", "-t", "-U", "-q", "--max-args", "60", "-u", "0"], Exec(BackendKind.Bcc).Arguments(new ExecOptions("bash", 0)));
    }

    [Fact]
    public void Bpftrace_gets_the_uid_as_positional_parameter_after_a_double_dash()
    {
        var check = new LocatedBackend(Exec(BackendKind.Bpftrace).Kind, "/usr/bin/bpftrace", "/m/bpftrace/execsnoop.bt", null);
        var all = ToolInvocation.For(check, Exec(BackendKind.Bpftrace).Arguments(new ExecOptions(null, null)));
        Assert.Equal("/usr/bin/bpftrace", all.FileName);
        Assert.Equal(["-f", "json", "/m/bpftrace/execsnoop.bt", "--", "-1", "-1"], all.Arguments);
        Assert.Equal("200", all.Environment["BPFTRACE_STRLEN"]);
        var one = ToolInvocation.For(check, Exec(BackendKind.Bpftrace).Arguments(new ExecOptions(null, 1000)));
        Assert.Equal("1000", one.Arguments[^2]);
    }

    [Fact]
    public void Text_tools_run_line_buffered_under_stdbuf()
    {
        var check = new LocatedBackend(Exec(BackendKind.Libbpf).Kind, "/usr/sbin/execsnoop", null, null);
        var invocation = ToolInvocation.For(check, ["-x"]);
        Assert.EndsWith("/stdbuf", invocation.FileName, StringComparison.Ordinal);
        Assert.Equal(["-oL", "/usr/sbin/execsnoop", "-x"], invocation.Arguments);
    }

    [Fact]
    public void Verbose_command_line_is_quoted_like_a_shell_would_take_it()
    {
        var invocation = new ToolInvocation("/usr/sbin/execsnoop", ["-n", "my prog", "it's", ""], new Dictionary<string, string?>());
        Assert.Equal("/usr/sbin/execsnoop -n 'my prog' 'it'\\''s' ''", invocation.CommandLine);
    }

    [Fact]
    public void Bundled_bpftrace_program_exists_in_the_module()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "module", "bpftrace", Exec(BackendKind.Bpftrace).Program!);
        Assert.True(File.Exists(program), program);
    }
}

public class LocatedBackendTests
{
    private static readonly HostCapabilities Capable = new(true, true, true, true, true, true, "6.18.0");

    private static BackendSpec Exec(BackendKind kind) => ToolCatalog.Exec.Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Missing_tool_names_the_package_to_install()
    {
        var spec = new BackendSpec<ExecOptions, Records.ExecEvent>(BackendKind.Libbpf, ["bpftools-no-such-tool"], ProbeKind.Tracepoint, _ => [], _ => throw new InvalidOperationException());
        var problem = LocatedBackend.Locate(spec, Capable, "/nowhere").Problem!;
        Assert.Equal("ToolNotInstalled", problem.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, problem.Category);
        Assert.Contains("apt-get install libbpf-tools", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, true, true, "NotPrivileged")]
    [InlineData(true, false, true, true, "TracefsNotMounted")]
    [InlineData(true, true, false, true, "BtfUnavailable")]
    [InlineData(true, true, true, true, null)]
    public void Libbpf_needs_privilege_tracefs_and_btf(bool root, bool tracefs, bool btf, bool kprobes, string? expected)
    {
        var host = new HostCapabilities(root, false, btf, tracefs, kprobes, true, "6.18.0");
        var spec = new BackendSpec<ExecOptions, Records.ExecEvent>(BackendKind.Libbpf, ["/bin/true"], ProbeKind.Tracepoint, _ => [], _ => throw new InvalidOperationException());
        Assert.Equal(expected, LocatedBackend.Locate(spec, host, "/nowhere").Problem?.ErrorId);
    }

    [Fact]
    public void Kprobe_backend_on_a_kernel_without_kprobes_says_so()
    {
        var host = Capable with { Kprobes = false };
        var spec = new BackendSpec<ExecOptions, Records.ExecEvent>(BackendKind.Bcc, ["/bin/true"], ProbeKind.Kprobe, _ => [], _ => throw new InvalidOperationException());
        var problem = LocatedBackend.Locate(spec, host, "/nowhere").Problem!;
        Assert.Equal("KprobesUnavailable", problem.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.NotEnabled, problem.Category);
    }

    [Fact]
    public void Bpftrace_backend_needs_its_bundled_program()
    {
        // /bin/true stands in for bpftrace, so the check gets as far as the program whatever this host has.
        var spec = new BackendSpec<ExecOptions, Records.ExecEvent>(BackendKind.Bpftrace, ["/bin/true"], ProbeKind.Tracepoint, (_, _) => [],
            _ => throw new InvalidOperationException(), Program: "execsnoop.bt");
        var problem = LocatedBackend.Locate(spec, Capable, "/nowhere").Problem;
        Assert.NotNull(problem);
        Assert.Equal("ProgramMissing", problem.ErrorId);
        Assert.Null(LocatedBackend.Locate(spec, Capable, Path.Combine(AppContext.BaseDirectory, "bpftrace-programs")).Problem);
    }

    [Fact]
    public void A_python_script_named_like_a_libbpf_tool_is_not_taken_for_one()
    {
        var dir = Directory.CreateTempSubdirectory("bpftools-locator-").FullName;
        var script = Path.Combine(dir, "execsnoop");
        File.WriteAllText(script, "#!/usr/bin/python3\nprint('bcc')\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            Assert.True(ToolLocator.IsPythonScript(script));
            Assert.Equal(script, ToolLocator.Find([script]));
            Assert.Null(ToolLocator.Find([script], p => !ToolLocator.IsPythonScript(p)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

public class StderrClassifierTests
{
    [Theory]
    [InlineData("Lost 12 events on CPU #0!", "LostEvents", 12)]
    [InlineData("Possibly lost 3 samples", "LostEvents", 3)]
    [InlineData("failed to attach BPF programs", "AttachFailure", 0)]
    [InlineData("libbpf: prog 'x': failed to create tracepoint 'syscalls/sys_enter_execve' perf event: No such file or directory", "AttachFailure", 0)]
    [InlineData("ERROR: Could not resolve symbol: /proc/self/exe:BEGIN_trigger", "AttachFailure", 0)]
    [InlineData("failed to load BPF object: -1 Operation not permitted", "PermissionDenied", 0)]
    [InlineData("ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try \"ulimit -l 8192\" to fix the problem", "Info", 0)]
    [InlineData("execsnoop.bt:9:5-37: WARNING: Due to it's asynchronous nature using 'print()' in a loop can lead to unexpected behavior.", "Info", 0)]
    [InlineData("ERROR: failed to look up stack id -17 (pid -1): -2", "StackLookupFailure", 0)]
    [InlineData("ERROR: failed to look up stack id 98852 (pid 20368): -9", "StackLookupFailure", 0)]
    // The kind by name: a public test method cannot take the runner's internal enum.
    public void Classifies_real_tool_messages(string line, string expected, long lost)
    {
        Assert.Equal(Enum.Parse<StderrKind>(expected), StderrClassifier.Classify(line, out var count));
        Assert.Equal(lost, count);
    }
}

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

public class BccInvocationTests
{
    [Fact]
    public void Bcc_python_tools_run_unbuffered_so_events_stream()
    {
        var bcc = ToolCatalog.Exec.Backends.Single(b => b.Kind == BackendKind.Bcc);
        var invocation = ToolInvocation.For(new LocatedBackend(bcc.Kind, "/usr/sbin/execsnoop-bpfcc", null, null), ["-x"]);
        Assert.Equal("1", invocation.Environment["PYTHONUNBUFFERED"]);
    }
}
