using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Runner;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

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
