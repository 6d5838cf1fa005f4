using System.Globalization;
using BpfTools.Tests;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfOffCpuTime's bpftrace backend gives user frames as addresses too: a C program built here, which sleeps in
/// a loop, has its own function named in the stacks it blocked in, and no frame left as an address. (libc has no
/// frame pointers: the walk from its sleep skips the function that called it, here wait_a_little, and finds main.)
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfOffCpuTimeSymbolTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void A_sleeping_C_programs_frames_are_named_with_the_bpftrace_backend()
    {
        var name = "bpfsymoff" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        const string source = """
            #include <stdlib.h>
            #include <unistd.h>
            __attribute__((noinline)) void wait_a_little(void) { usleep(200000); }
            int main(int argc, char **argv) { for (int i = 0; i < atoi(argv[1]) * 5; i++) wait_a_little(); return 0; }
            """;
        using var program = NativeProgram.Launch(name, source, "20");
        try
        {
            var result = _session.Invoke($"Get-BpfOffCpuTime -Duration 3 -ProcessId {program.Id} -Backend Bpftrace");
            result.AssertNoErrors();
            Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
            var user = result.Output.Where(o => (string)o.Properties["ProcessName"].Value == name)
                .SelectMany(o => (IReadOnlyList<string>)o.Properties["UserStack"].Value).ToList();
            Assert.Contains(user, f => f.StartsWith("main+", StringComparison.Ordinal));
            Assert.DoesNotContain(user, f => f.StartsWith("0x", StringComparison.Ordinal));
        }
        finally
        {
            program.Kill();
            program.WaitForExit();
        }
    }
}
