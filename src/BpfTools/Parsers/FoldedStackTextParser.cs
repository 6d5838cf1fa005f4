using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the folded output of libbpf-tools' and bcc's profile (-f -d, and -a for bcc): one line per distinct
/// stack, "comm;user_root;...;user_leaf;-;kernel_root;...;kernel_leaf count". The "-" frame (-d) sits between
/// the user and kernel frames when a stack has both; bcc's -a ends kernel frames with "_[k]". Without either
/// mark a stack counts as user space. Folded output has no process id and no header: the first stack means
/// sampling is over, so it closes the window, which opened when the parser was made (the tool started).
/// </summary>
public sealed class FoldedStackTextParser : IRecordParser<CpuStackSample>
{
    private const string KernelAnnotation = "_[k]";
    private readonly TraceClock _clock;
    private readonly DateTime _start;
    private DateTime? _end;

    /// <summary>Creates a parser.</summary>
    public FoldedStackTextParser(TraceClock? clock = null)
    {
        _clock = clock ?? TraceClock.System;
        _start = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<CpuStackSample> output)
    {
        Stats.CountLine();
        if (line.Trim().Length == 0)
        {
            return LineKind.Ignored;
        }
        var space = line.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        var frames = line[..space].Split(';');
        if (frames[0].Length == 0)
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        var user = new List<string>();
        var kernel = new List<string>();
        var inKernel = false;
        foreach (var frame in frames.Skip(1))
        {
            if (frame == "-")
            {
                inKernel = true;
            }
            else if (frame.EndsWith(KernelAnnotation, StringComparison.Ordinal))
            {
                kernel.Add(frame[..^KernelAnnotation.Length]);
            }
            else
            {
                (inKernel ? kernel : user).Add(frame);
            }
        }
        // Folded frames are root first; the record keeps them leaf first, like the tools' other output.
        user.Reverse();
        kernel.Reverse();
        _end ??= _clock.Now;
        output.Add(CpuStackSample.Create(frames[0], 0, count, [.. kernel], [.. user], _start, _end.Value));
        Stats.CountRecord();
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public void Flush(List<CpuStackSample> output)
    {
        // Every stack is complete on its line.
    }
}
