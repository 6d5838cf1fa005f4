using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Symbols;

namespace BpfTools.Commands;

/// <summary>
/// Names the bare user addresses in a stack tool's records (<see cref="Symbolizer"/>): bpftrace runs without user
/// symbols (see ToolInvocation), so every user frame of profile.bt and offcputime.bt is an address. The run's
/// parser reads each line as before; the stacks of each printed map (every second) are named as they arrive,
/// while their processes live, and the records the parser makes at the end get those names.
/// </summary>
/// <typeparam name="TRecord">The stack record.</typeparam>
internal sealed class UserFrameNaming<TRecord>(IRecordParser<TRecord> inner, int idsAfterPid, Func<TRecord, Symbolizer, TRecord> rename,
    Symbolizer? symbolizer = null) : IRecordParser<TRecord>
    where TRecord : class
{
    private readonly Symbolizer _symbolizer = symbolizer ?? new Symbolizer();

    /// <inheritdoc/>
    public ParseStats Stats => inner.Stats;

    /// <inheritdoc/>
    public TimeSpan TimeResolution => inner.TimeResolution;

    /// <summary>What was looked up, for the benchmark and -Verbose.</summary>
    public Symbolizer Symbolizer => _symbolizer;

    /// <inheritdoc/>
    public LineKind Parse(string line, List<TRecord> output)
    {
        var first = output.Count;
        var kind = inner.Parse(line, output);
        if (StackKeyAddresses.IsMapLine(line))
        {
            foreach (var (pid, address) in StackKeyAddresses.Read(line, idsAfterPid))
            {
                _symbolizer.See(pid, address);
            }
        }
        Rename(output, first);
        return kind;
    }

    /// <inheritdoc/>
    public void Flush(List<TRecord> output)
    {
        var first = output.Count;
        inner.Flush(output);
        Rename(output, first);
    }

    private void Rename(List<TRecord> output, int first)
    {
        for (var i = first; i < output.Count; i++)
        {
            output[i] = rename(output[i], _symbolizer);
        }
    }
}

/// <summary>How each stack record is named: a copy with its user frames (and folded stack) named.</summary>
internal static class UserFrameNaming
{
    /// <summary>Names a CPU profile's samples (profile.bt keys: "comm,pid,").</summary>
    public static IRecordParser<CpuStackSample> CpuProfile(IRecordParser<CpuStackSample> parser, Symbolizer? symbolizer = null) =>
        new UserFrameNaming<CpuStackSample>(parser, 0, (s, names) => Named(s.UserStack, s.ProcessId, names) is { } user
            ? CpuStackSample.Create(s.ProcessName, s.ProcessId, s.Count, [.. s.KernelStack], user, s.Start, s.End)
            : s, symbolizer);

    /// <summary>Names off-CPU stacks (offcputime.bt keys: "comm,pid,tid,").</summary>
    public static IRecordParser<OffCpuStackSample> OffCpuTime(IRecordParser<OffCpuStackSample> parser, Symbolizer? symbolizer = null) =>
        new UserFrameNaming<OffCpuStackSample>(parser, 1, (s, names) => Named(s.UserStack, s.ProcessId, names) is { } user
            ? OffCpuStackSample.Create(s.ProcessName, s.ProcessId, s.ThreadId, s.BlockedTime.Ticks / TimeSpan.TicksPerMicrosecond,
                [.. s.KernelStack], user, s.Start, s.End)
            : s, symbolizer);

    // The named frames, or null when none changed (the record is kept as it is).
    private static string[]? Named(StackFrames frames, int pid, Symbolizer names)
    {
        var array = frames.ToArray();
        var named = names.Name(pid, array);
        return ReferenceEquals(named, array) ? null : named;
    }
}
