using System.Management.Automation;
using System.Text.RegularExpressions;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>Get-BpfExec on this kernel, for real: a failing exec() is made and must come out typed.</summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfExecTracingTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Users_pipeline_finds_a_failed_exec_with_every_property_typed(string backend)
    {
        var marker = Kernel.UniqueMissingPath(backend);
        PsResult result;
        using (Kernel.RepeatFailingExec(marker))
        {
            result = _session.Invoke($"Get-BpfExec -Duration 4 -Backend {backend} | Where Ret -ne 0");
        }

        result.AssertNoErrors();
        var failed = result.Output.Where(o => ((IReadOnlyList<string>)o.Properties["Arguments"].Value).FirstOrDefault() == marker).ToList();
        Assert.NotEmpty(failed);
        var e = failed[0];
        Assert.Equal("BpfTools.Records.ExecEvent", e.BaseObject.GetType().FullName);
        Assert.Equal(-2, Assert.IsType<int>(e.Properties["Ret"].Value));
        Assert.Equal("ENOENT", Assert.IsType<string>(e.Properties["Error"].Value));
        Assert.Equal("sh", Assert.IsType<string>(e.Properties["ProcessName"].Value));
        Assert.Equal(Environment.ProcessId, Assert.IsType<int>(e.Properties["ParentProcessId"].Value));
        Assert.True(Assert.IsType<int>(e.Properties["ProcessId"].Value) > 0);
        Assert.Equal(0L, Assert.IsType<long>(e.Properties["Uid"].Value));
        Assert.Equal(marker, Assert.IsType<string>(e.Properties["CommandLine"].Value));
        Assert.False(Assert.IsType<bool>(e.Properties["Truncated"].Value));
        var when = Assert.IsType<DateTime>(e.Properties["Timestamp"].Value);
        Assert.InRange(when, DateTime.Now.AddSeconds(-30), DateTime.Now);
        Assert.All(result.Output, o => Assert.NotEqual(0, (int)o.Properties["Ret"].Value));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Argument_with_a_newline_and_spaces_is_one_event_with_the_newline_kept()
    {
        var marker = Kernel.UniqueMissingPath("newline");
        using (Kernel.RepeatFailingExec($"{marker} 'two words' \"$(printf 'line1\\nline2')\""))
        {
            var result = _session.Invoke($"Get-BpfExec -Duration 3 | Where-Object {{ $_.Arguments[0] -eq '{marker}' }}");
            result.AssertNoErrors();
            var e = Assert.IsAssignableFrom<IReadOnlyList<string>>(result.Output.First().Properties["Arguments"].Value);
            Assert.Equal([marker, "two words", "line1\nline2"], e);
        }
    }

    [Fact]
    public void Verbose_names_the_backend_and_the_exact_command_line()
    {
        var result = _session.Invoke("Get-BpfExec -Duration 1 -Uid 4242 -Name bpftools-nothing -Verbose");
        result.AssertNoErrors();
        // All that runs: setpriv (the parent-death signal) execs stdbuf, which execs execsnoop.
        Assert.Contains(result.Verbose, v => Regex.IsMatch(v, @"running the Libbpf backend: \S*/setpriv --pdeathsig KILL -- \S*/env --default-signal=INT \S*/stdbuf -oL \S*/execsnoop " +
            "-x -t -U -q --max-args 60 -u 4242 -n bpftools-nothing$"));
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Name_filter_keeps_only_matching_processes()
    {
        var marker = Kernel.UniqueMissingPath("name");
        using (Kernel.RepeatFailingExec(marker))
        {
            var result = _session.Invoke("Get-BpfExec -Duration 3 -Name sh");
            result.AssertNoErrors();
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, o => Assert.Contains("sh", (string)o.Properties["ProcessName"].Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Events_survive_CliXml_serialization_as_remoting_does_it()
    {
        var marker = Kernel.UniqueMissingPath("clixml");
        using (Kernel.RepeatFailingExec(marker))
        {
            var result = _session.Invoke($"Get-BpfExec -Duration 3 | Where-Object CommandLine -eq '{marker}'");
            var original = result.Output.First();
            var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
            Assert.Equal("Deserialized.BpfTools.Records.ExecEvent", copy.TypeNames[0]);
            foreach (var name in new[] { "Timestamp", "ProcessName", "ProcessId", "ParentProcessId", "Uid", "Ret", "Error", "CommandLine", "Truncated" })
            {
                Assert.Equal(original.Properties[name].Value, copy.Properties[name].Value);
            }
        }
    }
}
