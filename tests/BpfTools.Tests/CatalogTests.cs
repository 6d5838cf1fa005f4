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
