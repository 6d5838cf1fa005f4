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
/// <remarks>
/// Frames are read in place, two passes over the line: one counts the user and kernel frames, one fills their
/// arrays leaf first. Frame names repeat from stack to stack, so each comes from a per-parser cache.
/// </remarks>
internal sealed class FoldedStackTextParser : IRecordParser<CpuStackSample>
{
    private readonly TraceClock _clock;
    private readonly DateTime _start;
    private readonly StringCache _frames = new();
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
        var s = line.AsSpan();
        if (s.Trim().IsEmpty)
        {
            return LineKind.Ignored;
        }
        var space = s.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(s[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        var stack = s[..space];
        var nameEnd = stack.IndexOf(';');
        var name = nameEnd < 0 ? stack : stack[..nameEnd];
        if (name.IsEmpty)
        {
            Stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        // Folded frames are root first; the record keeps them leaf first, like the tools' other output.
        var frames = nameEnd < 0 ? [] : stack[(nameEnd + 1)..];
        var (userCount, kernelCount) = nameEnd < 0 ? (0, 0) : Count(frames);
        var user = userCount == 0 ? [] : new string[userCount];
        var kernel = kernelCount == 0 ? [] : new string[kernelCount];
        if (nameEnd >= 0)
        {
            Fill(frames, user, kernel);
        }
        var processName = _frames.Get(name);
        _end ??= _clock.Now;
        output.Add(new CpuStackSample
        {
            ProcessName = processName,
            Count = count,
            KernelStack = kernel,
            UserStack = user,
            FoldedStack = FoldedFrames(processName, user, kernel),
            Start = _start,
            End = _end.Value,
        });
        Stats.CountRecord();
        return LineKind.Record;
    }

    /// <inheritdoc/>
    public void Flush(List<CpuStackSample> output)
    {
        // Every stack is complete on its line.
    }

    /// <summary>How many of the frames are user frames and how many kernel frames.</summary>
    private static (int User, int Kernel) Count(ReadOnlySpan<char> frames)
    {
        var (user, kernel) = (0, 0);
        var reader = new FoldedFrameReader(frames);
        while (reader.TryNext(out _, out var isKernel))
        {
            if (isKernel)
            {
                kernel++;
            }
            else
            {
                user++;
            }
        }
        return (user, kernel);
    }

    /// <summary>Fills the arrays leaf first: the frames come root first, so from each array's end.</summary>
    private void Fill(ReadOnlySpan<char> frames, string[] user, string[] kernel)
    {
        var (nextUser, nextKernel) = (user.Length, kernel.Length);
        var reader = new FoldedFrameReader(frames);
        while (reader.TryNext(out var frame, out var isKernel))
        {
            if (isKernel)
            {
                kernel[--nextKernel] = _frames.Get(frame);
            }
            else
            {
                user[--nextUser] = _frames.Get(frame);
            }
        }
    }

    /// <summary>What <see cref="FoldedStackFormat.Frames"/> gives, in one allocation: no frame read here holds a ';'.</summary>
    private static string FoldedFrames(string processName, string[] userLeafFirst, string[] kernelLeafFirst)
    {
        var length = processName.Length;
        foreach (var frame in userLeafFirst)
        {
            length += frame.Length + 1;
        }
        foreach (var frame in kernelLeafFirst)
        {
            length += frame.Length + 1;
        }
        return string.Create(length, (processName, userLeafFirst, kernelLeafFirst), static (span, parts) =>
        {
            parts.processName.CopyTo(span);
            var at = parts.processName.Length;
            foreach (var stack in (ReadOnlySpan<string[]>)[parts.userLeafFirst, parts.kernelLeafFirst])
            {
                for (var i = stack.Length - 1; i >= 0; i--)
                {
                    span[at++] = ';';
                    stack[i].CopyTo(span[at..]);
                    at += stack[i].Length;
                }
            }
            // As FoldedStackFormat's cleaning: a newline would end the folded line.
            span.Replace('\n', ' ');
        });
    }
}
