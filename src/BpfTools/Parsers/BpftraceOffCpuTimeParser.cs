using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads offcputime.bt's output (the window and intervals as <see cref="BpftraceStackTotalsParser{TRecord, TStack}"/>):
/// maps @stacks (user threads) and @kernel (kernel threads), numbered 0 or 1, hold the microseconds off CPU per
/// stack, added up into one sample per distinct (thread, kernel stack, user stack). A key reads
/// "comm,pid,tid,\n    kframe\n,\n    uframe\n": bpftrace joins its parts with ',' and prints each stack as "\n"
/// then "    frame\n" per frame, leaf first, and an empty stack as nothing, so in @stacks an empty kernel stack
/// leaves "comm,pid,tid,,". The comm may hold commas: the ids are read from the right.
/// </summary>
internal sealed class BpftraceOffCpuTimeParser(TraceClock? clock = null)
    : BpftraceStackTotalsParser<OffCpuStackSample, BpftraceOffCpuTimeParser.Stack>(clock)
{
    /// <inheritdoc/>
    protected override string Counted => "blocked times";

    /// <inheritdoc/>
    protected override string Activity => "tracing";

    /// <inheritdoc/>
    protected override OffCpuStackSample Create(Stack total, DateTime start, DateTime end) =>
        OffCpuStackSample.Create(total.Process, total.ProcessId, total.ThreadId, total.Value, total.Kernel, total.User, start, end);

    /// <summary>Reads one key of @stacks or @kernel; null when it is not of that shape.</summary>
    protected override Stack? Read(string map, string key, long value)
    {
        if (map is not ("@stacks" or "@kernel"))
        {
            return null;
        }
        var both = map == "@stacks";
        var lines = key.Split('\n');
        if (!lines[0].EndsWith(','))
        {
            return null;
        }
        var head = lines[0].AsSpan();
        var kernelEmpty = both && head.EndsWith(",,");
        head = head[..^(kernelEmpty ? 2 : 1)];
        if (!TakeId(ref head, out var tid) || !TakeId(ref head, out var pid)
            || Frames(lines.Skip(1), both && !kernelEmpty) is not ({ } first, { } second))
        {
            return null;
        }
        var (kernel, user) = kernelEmpty ? (second, first) : (first, second);
        return new Stack(head.ToString(), pid, tid, [.. kernel], [.. user]) { Value = value };
    }

    /// <summary>Cuts ",id" off the end of <paramref name="head"/>.</summary>
    private static bool TakeId(ref ReadOnlySpan<char> head, out int id)
    {
        var comma = head.LastIndexOf(',');
        id = 0;
        if (comma < 0 || !int.TryParse(head[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }
        head = head[..comma];
        return true;
    }

    /// <summary>A distinct stack of a thread and its microseconds off CPU.</summary>
    internal sealed record Stack(string Process, int ProcessId, int ThreadId, string[] Kernel, string[] User)
        : StackTotal(string.Join('\n', [Process, ProcessId.ToString(CultureInfo.InvariantCulture),
            ThreadId.ToString(CultureInfo.InvariantCulture), .. Kernel, "", .. User]));
}
