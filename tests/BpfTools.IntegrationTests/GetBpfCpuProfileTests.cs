using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfCpuProfile on this kernel, for real: each test burns a CPU in a copy of /bin/sh with a unique name (its
/// marker, as comm) and looks for its samples. libbpf-tools 0.26 ships no profile and bcc is not installed: those
/// backends' folded format is covered by the parser tests on bcc's published output.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfCpuProfileTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _name = "burn" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _binary;
    private readonly Process _burner;

    public GetBpfCpuProfileTests()
    {
        _binary = Path.Combine(Path.GetTempPath(), _name);
        File.Copy("/bin/sh", _binary, overwrite: true);
        File.SetUnixFileMode(_binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _burner = Process.Start(new ProcessStartInfo(_binary, ["-c", "while :; do :; done"]))!;
    }

    public void Dispose()
    {
        _burner.Kill();
        _burner.WaitForExit();
        _burner.Dispose();
        File.Delete(_binary);
        _session.Dispose();
    }

    [Fact]
    public void A_cpu_burning_process_is_sampled_with_typed_stacks_and_folds_for_flamegraph()
    {
        var result = _session.Invoke($"Get-BpfCpuProfile -Duration 2 -ProcessId {_burner.Id}");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("BpfTools.Records.CpuStackSample", o.BaseObject.GetType().FullName);
            Assert.Equal(_name, o.Properties["ProcessName"].Value);
            Assert.Equal(_burner.Id, Assert.IsType<int>(o.Properties["ProcessId"].Value));
            Assert.True(Assert.IsType<long>(o.Properties["Count"].Value) > 0);
            Assert.IsAssignableFrom<IReadOnlyList<string>>(o.Properties["KernelStack"].Value);
            Assert.IsAssignableFrom<IReadOnlyList<string>>(o.Properties["UserStack"].Value);
            Assert.StartsWith(_name, Assert.IsType<string>(o.Properties["FoldedStack"].Value), StringComparison.Ordinal);
            Assert.True(Assert.IsType<DateTime>(o.Properties["End"].Value) > (DateTime)o.Properties["Start"].Value);
        });
        Assert.True(result.Output.Sum(o => (long)o.Properties["Count"].Value) > 10);
        Assert.Contains(result.Output, o => ((IReadOnlyList<string>)o.Properties["UserStack"].Value).Count > 0);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));

        var folded = _session.InvokeWith("$input | ConvertTo-BpfFoldedStack", result.Output.Cast<object>());
        folded.AssertNoErrors();
        Assert.Equal(result.Output.Select(o => $"{o.Properties["FoldedStack"].Value} {o.Properties["Count"].Value}"),
            folded.Output.Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void Without_ProcessId_the_burner_is_found_among_all_processes_and_folds_after_a_CliXml_round_trip()
    {
        // Kernel stacks: bpftrace 0.17 often fails to print user stacks of every process on the host
        // ("failed to look up stack id"), and then prints no map at all.
        var result = _session.Invoke($"Get-BpfCpuProfile -Duration 2 -KernelOnly | Where-Object ProcessId -eq {_burner.Id}");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.True(result.Output.Sum(o => (long)o.Properties["Count"].Value) > 10);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));

        var copies = result.Output.Select(o => (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(o))).ToList();
        Assert.Equal(result.Output.Select(o => o.Properties["FoldedStack"].Value), copies.Select(c => c.Properties["FoldedStack"].Value));
        var folded = _session.InvokeWith("$input | ConvertTo-BpfFoldedStack", copies.Cast<object>());
        folded.AssertNoErrors();
        Assert.Equal(result.Output.Select(o => $"{o.Properties["FoldedStack"].Value} {o.Properties["Count"].Value}"),
            folded.Output.Select(o => (string)o.BaseObject));
        Assert.All(folded.Output, o => Assert.Matches($"^{_name}(;[^;]+)* [0-9]+$", (string)o.BaseObject));
    }

    [Fact]
    public void KernelOnly_and_UserOnly_keep_one_side_of_the_stack()
    {
        var kernel = _session.Invoke($"Get-BpfCpuProfile -Duration 1 -ProcessId {_burner.Id} -KernelOnly");
        kernel.AssertNoErrors();
        Assert.NotEmpty(kernel.Output);
        Assert.All(kernel.Output, o => Assert.Empty((IReadOnlyList<string>)o.Properties["UserStack"].Value));
        var user = _session.Invoke($"Get-BpfCpuProfile -Duration 1 -ProcessId {_burner.Id} -UserOnly -Frequency 99");
        user.AssertNoErrors();
        Assert.NotEmpty(user.Output);
        Assert.All(user.Output, o => Assert.Empty((IReadOnlyList<string>)o.Properties["KernelStack"].Value));
        Assert.Contains(user.Output, o => ((IReadOnlyList<string>)o.Properties["UserStack"].Value).Count > 0);
    }
}
