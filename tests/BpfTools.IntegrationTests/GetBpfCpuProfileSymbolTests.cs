using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Xml.Linq;
using BpfTools.Tests;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfCpuProfile names user frames that bpftrace gives as bare addresses (it runs without user symbols): a C
/// program built here with its hot function, and a .NET program's JIT-compiled hot method from its perf map. Each
/// program spins for 3 s and exits well before the 5 s run ends, so its names come from what was read while it ran.
/// Their flame graphs are checked in headless Chromium: the widest user frame of the program is the hot one.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfCpuProfileSymbolTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void A_C_programs_hot_function_is_named_though_it_exited_before_the_end()
    {
        var function = "bpfsym_hot_" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var source = $$"""
            #include <stdlib.h>
            #include <time.h>
            volatile unsigned long sink;
            __attribute__((noinline)) void {{function}}(void) { for (unsigned long i = 0; i < 200000; i++) sink += i * 31; }
            int main(int argc, char **argv) {
                struct timespec a, b;
                clock_gettime(CLOCK_MONOTONIC, &a);
                do { {{function}}(); clock_gettime(CLOCK_MONOTONIC, &b); } while (b.tv_sec - a.tv_sec < atoi(argv[1]));
                return 0;
            }
            """;
        var (samples, _, svg) = Profile(() => NativeProgram.Launch("bpfsymc", source, "3"));
        Assert.Contains(samples, s => Frames(s).Any(f => f.StartsWith(function + "+", StringComparison.Ordinal)));
        Assert.Contains(samples, s => ((string)s.Properties["FoldedStack"].Value).Contains($";{function}+", StringComparison.Ordinal));
        // The graph merges a function's offsets into one box, named without them.
        Assert.Equal(function, WidestUserLeaf(svg, "bpfsymc", function));
    }

    [Fact]
    public void A_dotnet_programs_hot_method_is_named_from_its_perf_map()
    {
        JitProgram.Build();
        var pid = 0;
        try
        {
            var (samples, _, svg) = Profile(() =>
            {
                var program = JitProgram.Start(3);
                pid = program.Id;
                return program;
            });
            Assert.Contains(samples, s => Frames(s).Any(f => f.Contains(JitProgram.Method, StringComparison.Ordinal)));
            Assert.Contains(JitProgram.Method, WidestUserLeaf(svg, JitProgram.Name, JitProgram.Method), StringComparison.Ordinal);
            // libcoreclr has few symbols: its frames are the module, not thousands of addresses.
            Assert.DoesNotContain(samples.SelectMany(Frames), f => f.StartsWith("0x", StringComparison.Ordinal));
        }
        finally
        {
            // The runtime leaves its perf maps behind.
            File.Delete($"/tmp/perf-{pid}.map");
            File.Delete($"/tmp/perfinfo-{pid}.map");
        }
    }

    /// <summary>Profiles every process for 5 s with the program started once sampling runs; its samples and their flame graph.</summary>
    private (List<PSObject> Samples, int Pid, string Svg) Profile(Func<Process> start)
    {
        var running = _session.Start("Get-BpfCpuProfile -Duration 5");
        GetBpfCpuProfileTests.WaitUntilSampling(Kernel.WaitForChildTool(TimeSpan.FromSeconds(10)));
        int pid;
        using (var program = start())
        {
            pid = program.Id;
            Assert.True(program.WaitForExit(10_000), "the program did not end by itself");
        }
        var result = ModuleSession.Complete(running, null);
        result.AssertNoErrors();
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
        var samples = result.Output.Where(o => (int)o.Properties["ProcessId"].Value == pid).ToList();
        Assert.True(samples.Count > 0, $"no sample of process {pid} among {result.Output.Count}");
        var svg = Path.Combine(Path.GetTempPath(), $"bpfsym-{pid}.svg");
        var drawn = _session.InvokeWith($"$input | ConvertTo-BpfFlameGraph -Path '{svg}'", samples.Cast<object>());
        drawn.AssertNoErrors();
        return (samples, pid, svg);
    }

    /// <summary>
    /// In Chromium, with a search for <paramref name="marker"/>: the user frame under <paramref name="process"/> that is
    /// widest where the user stack ends (its width less its user callees'), as a person reads the flame graph.
    /// </summary>
    private static string WidestUserLeaf(string svg, string process, string marker)
    {
        try
        {
            var dom = XDocument.Parse(Chromium.Dom(svg, "?s=" + Uri.EscapeDataString(marker)));
            Assert.Equal("1", (string?)dom.Root!.Attribute("data-ready"));
            var frames = dom.Descendants(Svg + "g").Where(g => g.Attribute("data-n") is not null)
                .Select(g => (Name: (string)g.Attribute("data-n")!, Kind: (string)g.Attribute("data-k")!, Start: (long)g.Attribute("data-s")!,
                    Count: (long)g.Attribute("data-c")!, Depth: (int)g.Attribute("data-d")!, Match: ((string?)g.Attribute("class") ?? "").Contains("match", StringComparison.Ordinal)))
                .ToList();
            var root = frames.Where(f => f.Depth == 1 && f.Name == process).MaxBy(f => f.Count);
            var user = frames.Where(f => f.Depth > 1 && f.Kind == "u" && f.Start >= root.Start && f.Start < root.Start + root.Count).ToList();
            Assert.Contains(user, f => f.Match);
            Assert.StartsWith("Matched: ", dom.Descendants(Svg + "text").Single(t => (string?)t.Attribute("id") == "matched").Value, StringComparison.Ordinal);
            return user.MaxBy(f => f.Count - user.Where(c => c.Depth == f.Depth + 1 && c.Start >= f.Start && c.Start < f.Start + f.Count).Sum(c => c.Count)).Name;
        }
        finally
        {
            File.Delete(svg);
        }
    }

    private static IEnumerable<string> Frames(PSObject sample) => (IReadOnlyList<string>)sample.Properties["UserStack"].Value;
}
