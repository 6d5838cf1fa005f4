using BpfTools.Locator;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class SudoRouteTests
{
    [Fact]
    public void A_libbpf_tool_runs_as_sudo_n_guard_then_its_full_path_and_arguments()
    {
        var command = SudoRoute.ToolCommand(new LocatedBackend(BackendKind.Libbpf, "/usr/sbin/execsnoop", null, null), ["-x", "-n", "a b"]);
        Assert.Equal(["/usr/sbin/execsnoop", "-x", "-n", "a b"], command);
        var invocation = new SudoRoute("/usr/bin/sudo", "/m/libexec/bpftools-sudo-guard").Invocation(command!);
        Assert.Equal("/usr/bin/sudo", invocation.FileName);
        Assert.Equal(["-n", "--", "/m/libexec/bpftools-sudo-guard", "/usr/sbin/execsnoop", "-x", "-n", "a b"], invocation.Arguments);
        Assert.Empty(invocation.Environment);
        Assert.True(invocation.ThroughSudo);
    }

    [Fact]
    public void Bpftrace_runs_its_bundled_program_fixed_before_the_double_dash()
    {
        var command = SudoRoute.ToolCommand(new LocatedBackend(BackendKind.Bpftrace, "/usr/bin/bpftrace", "/m/bpftrace/execsnoop.bt", null), ["60", "-1"]);
        Assert.Equal(["/usr/bin/bpftrace", "-f", "json", "/m/bpftrace/execsnoop.bt", "--", "60", "-1"], command);
    }

    [Fact]
    public void Bpftrace_with_a_free_program_never_goes_through_sudo()
    {
        Assert.Null(SudoRoute.ToolCommand(new LocatedBackend(BackendKind.Bpftrace, "/usr/bin/bpftrace", null, null), ["-e", "BEGIN { exit(); }"]));
    }

    [Fact]
    public void The_guard_is_in_the_module_libexec_folder()
    {
        Assert.Equal("/m/libexec/bpftools-sudo-guard", SudoRoute.GuardPath("/m"));
    }

    [Fact]
    public void Without_a_rule_sudo_n_l_does_not_allow_the_command()
    {
        // The test runs as root, whom sudo allows everything: an unknown user would need a rule. What is checked here
        // is the shape of the answer for a command sudo cannot find.
        var sudo = ToolLocator.Find(["sudo"]);
        if (sudo is null)
        {
            return;
        }
        var route = new SudoRoute(sudo, "/nonexistent/bpftools-sudo-guard");
        Assert.False(route.Allows(["/usr/sbin/execsnoop"], out var why));
        Assert.NotEmpty(why);
    }
}
