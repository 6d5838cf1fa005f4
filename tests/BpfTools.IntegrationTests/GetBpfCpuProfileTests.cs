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
    private readonly CpuBurner _burner = new("burn");

    public void Dispose()
    {
        _burner.Dispose();
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
            Assert.Equal(_burner.Name, o.Properties["ProcessName"].Value);
            Assert.Equal(_burner.Id, Assert.IsType<int>(o.Properties["ProcessId"].Value));
            Assert.True(Assert.IsType<long>(o.Properties["Count"].Value) > 0);
            Assert.IsAssignableFrom<IReadOnlyList<string>>(o.Properties["KernelStack"].Value);
            Assert.IsAssignableFrom<IReadOnlyList<string>>(o.Properties["UserStack"].Value);
            Assert.StartsWith(_burner.Name, Assert.IsType<string>(o.Properties["FoldedStack"].Value), StringComparison.Ordinal);
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
        Assert.All(folded.Output, o => Assert.Matches($"^{_burner.Name}(;[^;]+)* [0-9]+$", (string)o.BaseObject));
    }

    [Fact]
    public void The_default_profile_keeps_a_program_that_spun_for_2_s_and_exited_during_it()
    {
        // Every process, both stacks: before, bpftrace lost the whole map now and then (issue #10).
        var name = "spin" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var binary = Path.Combine(Path.GetTempPath(), name);
        File.Copy("/bin/sh", binary, overwrite: true);
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var running = _session.Start("Get-BpfCpuProfile -Duration 5");
            WaitUntilSampling(Kernel.WaitForChildTool(TimeSpan.FromSeconds(10)));
            using (var spinner = Process.Start(new ProcessStartInfo(binary, ["-c", "while :; do :; done"]))!)
            {
                Thread.Sleep(2000);
                spinner.Kill();
                spinner.WaitForExit();
            }
            var result = ModuleSession.Complete(running, null);
            result.AssertNoErrors();
            Assert.All(result.Warnings, w => Assert.Contains("could not look up", w, StringComparison.Ordinal));
            var spun = result.Output.Where(o => (string)o.Properties["ProcessName"].Value == name).ToList();
            Assert.True(spun.Count > 0, $"no stack of {name} among {result.Output.Count}");
            Assert.Contains(spun, o => ((IReadOnlyList<string>)o.Properties["UserStack"].Value).Count > 0);
            Assert.Contains(result.Output, o => o.Properties["ProcessId"].Value is int pid && pid == _burner.Id);
        }
        finally
        {
            File.Delete(binary);
        }
    }

    [Fact]
    public void ProcessId_of_a_busy_dotnet_process_gives_its_samples()
    {
        // pwsh is a launcher: PowerShell, and the loop, run in its child dotnet process (issue #10: 0 samples 2 times in 3).
        using var pwsh = Process.Start(new ProcessStartInfo("/usr/local/bin/pwsh", ["-NoProfile", "-NonInteractive", "-Command", "while ($true) {}"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            var dotnet = WaitForBusyChild(pwsh.Id, TimeSpan.FromSeconds(30));
            var result = _session.Invoke($"Get-BpfCpuProfile -Duration 3 -ProcessId {dotnet}");
            result.AssertNoErrors();
            Assert.All(result.Warnings, w => Assert.Contains("could not look up", w, StringComparison.Ordinal));
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, o => Assert.Equal(dotnet, (int)o.Properties["ProcessId"].Value));
            Assert.Contains(result.Output, o => ((IReadOnlyList<string>)o.Properties["UserStack"].Value).Count > 0);
        }
        finally
        {
            pwsh.Kill(entireProcessTree: true);
            pwsh.WaitForExit();
        }
    }

    [Fact]
    public void An_idle_process_gives_no_sample_and_a_warning_that_says_so()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("/bin/sleep", ["30"]))!;
        try
        {
            var result = _session.Invoke($"Get-BpfCpuProfile -Duration 1 -ProcessId {sleeper.Id}");
            result.AssertNoErrors();
            Assert.Empty(result.Output);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains($"attached and sampled for 1 s but saw process {sleeper.Id} on no CPU", warning, StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void Standin_replaying_a_bpftrace_cut_off_in_its_first_map_says_why_there_is_no_sample()
    {
        // profile.bt's real output and stderr, killed the moment its first map had been flushed in part.
        var stderr = File.ReadAllText(StandIn.Fixture("captured/profile-bpftrace-cut-first-map.stderr.txt")).TrimEnd('\n');
        using var standIn = StandIn.Replay("bpftrace", StandIn.Fixture("captured/profile-bpftrace-cut-first-map.json"), stderr);
        var result = _session.Invoke("Get-BpfCpuProfile -Duration 1 -Backend Bpftrace");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfCpuProfileCommand", error.FullyQualifiedErrorId);
        Assert.Equal(
        [
            "profile: bpftrace could not look up 1 of the stacks it sampled (their slots in the kernel's stack table held other stacks): their samples " +
                "are counted with that part of the stack empty. It said: ERROR: failed to look up stack id -17 (pid -1): -2",
            "profile: The samples of 1 of 1 intervals could not be read whole: a map in bpftrace's output was cut off or malformed " +
                "(counted as unparsable output).",
            "profile: bpftrace's output stopped before the end of sampling, after 1 intervals: the samples it took after that are missing.",
            "profile (Bpftrace) attached but wrote no sample: it failed while sampling (see the warnings and errors above). It said: " +
                "ERROR: failed to look up stack id -17 (pid -1): -2",
        ], result.Warnings);
    }

    /// <summary>Waits until bpftrace has opened its perf events (it attaches right after), and a little more.</summary>
    internal static void WaitUntilSampling(int bpftrace)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !Directory.EnumerateFiles($"/proc/{bpftrace}/fd").Any(IsPerfEvent))
        {
            Thread.Sleep(50);
        }
        Thread.Sleep(500);

        static bool IsPerfEvent(string fd)
        {
            try
            {
                return new FileInfo(fd).LinkTarget == "anon_inode:[perf_event]";
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>The child of <paramref name="parent"/> once it has used a second of CPU time (PowerShell has started and is looping).</summary>
    private static int WaitForBusyChild(int parent, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var child in File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // /proc/PID/stat after "(comm)": state ppid ... utime (14th field) stime (15th), in clock ticks.
                var stat = File.ReadAllText($"/proc/{child}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) > 300)
                {
                    return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException("pwsh's dotnet child did not start looping.");
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
