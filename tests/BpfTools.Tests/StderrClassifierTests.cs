using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Runner;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

public class StderrClassifierTests
{
    [Theory]
    [InlineData("Lost 12 events on CPU #0!", "LostEvents", 12)]
    [InlineData("Possibly lost 3 samples", "LostEvents", 3)]
    [InlineData("failed to attach BPF programs", "AttachFailure", 0)]
    [InlineData("libbpf: prog 'x': failed to create tracepoint 'syscalls/sys_enter_execve' perf event: No such file or directory", "AttachFailure", 0)]
    [InlineData("ERROR: Could not resolve symbol: /proc/self/exe:BEGIN_trigger", "AttachFailure", 0)]
    [InlineData("failed to load BPF object: -1 Operation not permitted", "PermissionDenied", 0)]
    [InlineData("ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try \"ulimit -l 8192\" to fix the problem", "Harmless", 0)]
    [InlineData("execsnoop.bt:9:5-37: WARNING: Due to it's asynchronous nature using 'print()' in a loop can lead to unexpected behavior.", "Info", 0)]
    [InlineData("ERROR: failed to look up stack id -17 (pid -1): -2", "StackLookupFailure", 0)]
    [InlineData("ERROR: failed to look up stack id 98852 (pid 20368): -9", "StackLookupFailure", 0)]
    // The kind by name: a public test method cannot take the runner's internal enum.
    public void Classifies_real_tool_messages(string line, string expected, long lost)
    {
        Assert.Equal(Enum.Parse<StderrKind>(expected), StderrClassifier.Classify(line, out var count));
        Assert.Equal(lost, count);
    }

    private const string MemlockNotice = "ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try \"ulimit -l 8192\" to fix the problem";

    [Fact]
    public void An_empty_run_never_blames_the_harmless_memlock_notice()
    {
        Assert.Equal("It printed only notices on stderr (see -Verbose).", Commands.BpfCommandBase.LastWords([MemlockNotice]));
        Assert.Equal("It said: Attaching 3 probes...", Commands.BpfCommandBase.LastWords([MemlockNotice, "Attaching 3 probes..."]));
        Assert.Equal("It printed nothing on stderr.", Commands.BpfCommandBase.LastWords([" "]));
    }
}
