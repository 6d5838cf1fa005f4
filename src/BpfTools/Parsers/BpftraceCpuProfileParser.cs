using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads profile.bt's output (the window and intervals as <see cref="BpftraceStackTotalsParser{TRecord, TStack}"/>):
/// maps @stacks, @user and @kernel (numbered 0 or 1, the set that was being filled) hold a count per stack, added
/// up into one sample per distinct (process, pid, kernel stack, user stack). bpftrace joins a map key's parts with
/// ',' and prints a stack as "\n" then one "    frame\n" per frame, leaf first, so a key reads
/// "comm,pid,\n    kframe\n,\n    uframe\n" (an empty stack is nothing at all).
/// </summary>
internal sealed class BpftraceCpuProfileParser(TraceClock? clock = null)
    : BpftraceStackTotalsParser<CpuStackSample, BpftraceCpuProfileParser.Stack>(clock)
{
    /// <inheritdoc/>
    protected override string Counted => "samples";

    /// <inheritdoc/>
    protected override string Activity => "sampling";

    /// <inheritdoc/>
    protected override CpuStackSample Create(Stack total, DateTime start, DateTime end) =>
        CpuStackSample.Create(total.Process, total.ProcessId, total.Value, total.Kernel, total.User, start, end);

    /// <summary>Reads one key of @stacks (kernel and user), @user or @kernel; null when it is not of that shape.</summary>
    protected override Stack? Read(string map, string key, long value)
    {
        var lines = key.Split('\n');
        // The first line is "comm,pid," and, in @stacks when the kernel stack is empty, one more ",".
        var head = lines[0];
        var both = map == "@stacks";
        var kernelEmpty = both && head.EndsWith(",,", StringComparison.Ordinal) && lines.Skip(1).All(l => l.StartsWith(FramePrefix, StringComparison.Ordinal) || l.Length == 0);
        var idEnd = head.Length - (kernelEmpty ? 2 : 1);
        if (idEnd <= 0 || head[idEnd] != ',')
        {
            return null;
        }
        var comma = head.LastIndexOf(',', idEnd - 1);
        if (comma < 0 || !int.TryParse(head.AsSpan(comma + 1, idEnd - comma - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || Frames(lines.Skip(1), both) is not ({ } first, { } second))
        {
            return null;
        }
        var (kernel, user) = map switch
        {
            "@stacks" when kernelEmpty => (new List<string>(), first),
            "@stacks" => (first, second),
            "@user" => (new List<string>(), first),
            "@kernel" => (first, new List<string>()),
            _ => (null, null),
        };
        return kernel is null || user is null ? null : new Stack(head[..comma], pid, [.. kernel], [.. user]) { Value = value };
    }

    /// <summary>A distinct stack and its samples.</summary>
    internal sealed record Stack(string Process, int ProcessId, string[] Kernel, string[] User)
        : StackTotal(string.Join('\n', [Process, ProcessId.ToString(CultureInfo.InvariantCulture), .. Kernel, "", .. User]));
}
