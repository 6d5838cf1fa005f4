using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads libbpf-tools' offcputime: no header, then one block per distinct (thread, stack), printed when tracing
/// ends: the frames one a line, indented 4, kernel frames leaf to root then user frames leaf to root with nothing
/// between them; then "    -                comm (tid)" (the '-' padded to 16, the comm may hold spaces and
/// parentheses); then the total microseconds off CPU indented 8; then a blank line. The first block means
/// tracing is over, so it closes the window, which opened when the parser was made (the tool started).
/// </summary>
/// <remarks>
/// The tool prints no mark between kernel and user frames, so the kernel stack is taken to end at its entry from
/// user space or its thread's start (entry_SYSCALL_64..., asm_exc_page_fault, ret_from_fork...), the root of every
/// kernel stack: the frames after the last such frame are user frames. A block without one is all kernel when it
/// starts with the BPF program's own frame (a kernel thread's stack cut short), else all user (the kernel stack was
/// missed: the tool said so on stderr). The leading frames of the tool's own BPF program (bpf_prog_..._sched_switch,
/// bpf_trace_run4) are left out: they are its instrumentation, not where the thread blocked, and the bpftrace
/// backend has none.
/// </remarks>
internal sealed class OffCpuTimeTextParser : IRecordParser<OffCpuStackSample>
{
    private const string FrameIndent = "    ";
    private const string ThreadPrefix = "    -                ";
    private const string TotalIndent = "        ";
    private static readonly string[] EntryPrefixes =
        ["entry_SYSCALL", "entry_SYSENTER", "entry_INT80", "ret_from_fork", "asm_", "el0t_", "el0_"];

    private readonly TraceClock _clock;
    private readonly DateTime _start;
    private readonly StringCache _frames = new();
    private readonly List<string> _block = [];
    private (string Name, int ThreadId)? _thread;
    private DateTime? _end;

    /// <summary>Creates a parser.</summary>
    public OffCpuTimeTextParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<OffCpuStackSample> output)
    {
        Stats.CountLine();
        if (_thread is { } thread)
        {
            // Only the total may follow the thread line.
            _thread = null;
            if (line.StartsWith(TotalIndent, StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(TotalIndent.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
            {
                output.Add(Sample(thread.Name, thread.ThreadId, micros));
                Stats.CountRecord();
                return LineKind.Record;
            }
            return Orphaned(line);
        }
        if (line.Length == 0)
        {
            return _block.Count == 0 ? LineKind.Ignored : Orphaned(line);
        }
        if (line.StartsWith(ThreadPrefix, StringComparison.Ordinal))
        {
            if (ReadThread(line.AsSpan(ThreadPrefix.Length)) is not { } read)
            {
                return Orphaned(line);
            }
            _thread = read;
            return LineKind.Pending;
        }
        if (line.Length > FrameIndent.Length && line.StartsWith(FrameIndent, StringComparison.Ordinal) && line[FrameIndent.Length] != ' ')
        {
            var frame = line.AsSpan(FrameIndent.Length);
            // A new kernel stack starts with the BPF program's frame: frames before it lost their thread line
            // (newer offcputime skips it after a missed user stack).
            var kind = _block.Count > 0 && frame.StartsWith("bpf_prog_") ? Orphaned(line, keepLine: true) : LineKind.Pending;
            _block.Add(_frames.Get(frame));
            return kind;
        }
        return Orphaned(line);
    }

    /// <inheritdoc/>
    public void Flush(List<OffCpuStackSample> output)
    {
        if (_block.Count > 0 || _thread is not null)
        {
            // Output cut off in a block: its frames had no thread or no total.
            Stats.CountUnparsed(_thread is { } t ? $"{FrameIndent}-  {t.Name} ({t.ThreadId}) without its total" : _block[^1]);
            _block.Clear();
            _thread = null;
        }
    }

    /// <summary>The frames read so far cannot be a record: counted as one unparsable line and dropped.</summary>
    private LineKind Orphaned(string line, bool keepLine = false)
    {
        Stats.CountUnparsed(keepLine && _block.Count > 0 ? _block[^1] : line);
        _block.Clear();
        return LineKind.Unparsable;
    }

    /// <summary>"comm (tid)": the thread id in the last parentheses, the name (spaces and all) before them.</summary>
    private (string, int)? ReadThread(ReadOnlySpan<char> rest)
    {
        var open = rest.LastIndexOf(" (");
        if (open < 0 || !rest.EndsWith(")")
            || !int.TryParse(rest[(open + 2)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
        {
            return null;
        }
        return (_frames.Get(rest[..open]), tid);
    }

    private OffCpuStackSample Sample(string name, int threadId, long micros)
    {
        var skip = 0;
        while (skip < _block.Count && (_block[skip].StartsWith("bpf_prog_", StringComparison.Ordinal)
            || _block[skip].StartsWith("bpf_trace_run", StringComparison.Ordinal)))
        {
            skip++;
        }
        var kernelEnd = _block.FindLastIndex(IsEntry) + 1;
        if (kernelEnd == 0)
        {
            kernelEnd = skip > 0 ? _block.Count : 0;
        }
        var kernel = _block.Skip(skip).Take(Math.Max(0, kernelEnd - skip)).ToArray();
        var user = _block.Skip(kernelEnd).ToArray();
        _block.Clear();
        _end ??= _clock.Now;
        return OffCpuStackSample.Create(name, 0, threadId, micros, kernel, user, _start, _end.Value);
    }

    private static bool IsEntry(string frame)
    {
        foreach (var prefix in EntryPrefixes)
        {
            if (frame.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
