using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class SudoersRuleTests
{
    private static readonly SudoersRule.Line[] Lines =
    [
        new("execsnoop", ["/usr/sbin/execsnoop"]),
        new("execsnoop", ["/usr/bin/bpftrace", "-f", "json", "/opt/m/bpftrace/execsnoop.bt", "--"]),
    ];

    [Fact]
    public void Each_command_is_the_guard_and_a_literal_prefix_with_the_wildcard_only_after_it()
    {
        var text = SudoersRule.Write("alice", "/opt/m/libexec/bpftools-sudo-guard", Lines, "1.2.3", "/opt/m");
        var commands = text.Split('\n').Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim().TrimEnd('\\').Trim().TrimEnd(',')).ToList();
        Assert.Equal(
        [
            "/opt/m/libexec/bpftools-sudo-guard /usr/sbin/execsnoop *",
            "/opt/m/libexec/bpftools-sudo-guard /usr/sbin/execsnoop",
            "/opt/m/libexec/bpftools-sudo-guard /usr/bin/bpftrace -f json /opt/m/bpftrace/execsnoop.bt -- *",
            "/opt/m/libexec/bpftools-sudo-guard /usr/bin/bpftrace -f json /opt/m/bpftrace/execsnoop.bt --",
        ], commands);
        Assert.StartsWith("# BpfTools 1.2.3 in /opt/m: ", text, StringComparison.Ordinal);
        Assert.Contains("Cmnd_Alias BPFTOOLS_ALICE = \\\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nalice ALL=(root) NOPASSWD: BPFTOOLS_ALICE\n", text, StringComparison.Ordinal);
        Assert.Contains("Invoke-BpfTrace is never allowed", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 120 || l.StartsWith("    ", StringComparison.Ordinal), l));
    }

    [Fact]
    public void A_group_is_written_with_a_percent_sign_and_an_alias_of_its_own()
    {
        Assert.Equal("%tracers", SudoersRule.Who(null, "tracers"));
        var text = SudoersRule.Write("%tracers", "/g", Lines, "1", "/m");
        Assert.EndsWith("\n%tracers ALL=(root) NOPASSWD: BPFTOOLS_GROUP_TRACERS\n", text, StringComparison.Ordinal);
        Assert.Equal("BPFTOOLS_J_DOE_2", SudoersRule.AliasFor("j.doe-2"));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("svc.trace_1", "svc.trace_1")]
    [InlineData("-alice", null)]
    [InlineData("al ice", null)]
    [InlineData("alice,ALL", null)]
    [InlineData("ALL=(ALL)", null)]
    [InlineData("%admin", null)]
    [InlineData("", null)]
    public void Only_plain_names_are_written(string name, string? expected) => Assert.Equal(expected, SudoersRule.Who(name, null));

    [Theory]
    [InlineData("/opt/a,b", @"/opt/a\,b")]
    [InlineData("/opt/a:b=c", @"/opt/a\:b\=c")]
    [InlineData("/usr/sbin/execsnoop", "/usr/sbin/execsnoop")]
    [InlineData("/opt/a+b@c%d~e-f_g.bt", "/opt/a+b@c%d~e-f_g.bt")]
    public void Special_characters_are_escaped(string word, string escaped) => Assert.Equal(escaped, SudoersRule.Escape(word));

    [Theory]
    [InlineData("/opt/my modules/BpfTools")]
    [InlineData("/opt/a\tb")]
    [InlineData("/opt/a\nALL ALL=(ALL) ALL")]
    [InlineData("/opt/m*/x")]
    [InlineData("/opt/x?[y]!")]
    [InlineData(@"/opt/a\b")]
    [InlineData("/opt/a(b)")]
    [InlineData("")]
    public void A_word_with_whitespace_or_a_glob_character_cannot_be_written(string word) => Assert.Throws<ArgumentException>(() => SudoersRule.Escape(word));

    [Fact]
    public void The_escaped_rule_passes_visudo()
    {
        var visudo = new[] { "/usr/sbin/visudo", "/sbin/visudo" }.FirstOrDefault(File.Exists);
        if (visudo is null)
        {
            return;
        }
        var text = SudoersRule.Write("alice", "/opt/a,b:c=d+e@f%g~h/libexec/bpftools-sudo-guard",
            [new("x", ["/usr/sbin/execsnoop"]), new("x", ["/usr/bin/bpftrace", "-f", "json", "/opt/a,b:c=d+e@f%g~h/bpftrace/x.bt", "--"])], "1", "/opt/a,b");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, text);
            using var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(visudo, ["-c", "-f", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var said = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
            check.WaitForExit();
            Assert.True(check.ExitCode == 0, said + "\n" + text);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
