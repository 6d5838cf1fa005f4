namespace BpfTools.Pictures;

/// <summary>Where a frame ran: the process (its name, the stack's root), user space, or the kernel.</summary>
internal enum FrameKind
{
    /// <summary>User space, or the process name at the root of the stack.</summary>
    User,

    /// <summary>The kernel.</summary>
    Kernel,
}

/// <summary>One frame of a stack: its function name and where it ran.</summary>
internal readonly record struct FlameFrame(string Name, FrameKind Kind);

/// <summary>A stack root first (process name, user frames, kernel frames) and how much it weighs.</summary>
internal sealed record FlameStack(IReadOnlyList<FlameFrame> Frames, long Count)
{
    /// <summary>A stack from the frames of a sample, which the tools give leaf first.</summary>
    public static FlameStack FromSample(string processName, IEnumerable<string> userLeafFirst, IEnumerable<string> kernelLeafFirst, long count)
    {
        var frames = new List<FlameFrame> { new(processName, FrameKind.User) };
        frames.AddRange(userLeafFirst.Reverse().Select(f => new FlameFrame(f, FrameKind.User)));
        frames.AddRange(kernelLeafFirst.Reverse().Select(f => new FlameFrame(f, FrameKind.Kernel)));
        return new FlameStack(frames, count);
    }

    /// <summary>
    /// A folded line, "comm;root;...;leaf 12". A frame ending in "_[k]" is a kernel frame (flamegraph.pl's
    /// convention, shown without the suffix), as is every frame after a lone "-" (bcc profile -d's delimiter
    /// between user and kernel frames). Null when the line has no frames or no whole count after its last space.
    /// </summary>
    public static FlameStack? FromFolded(string line)
    {
        line = line.TrimEnd('\r', ' ', '\t');
        var space = line.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }
        var frames = new List<FlameFrame>();
        var kernel = false;
        foreach (var part in line[..space].Split(';'))
        {
            if (part == "-")
            {
                kernel = true;
            }
            else if (part.EndsWith("_[k]", StringComparison.Ordinal))
            {
                frames.Add(new FlameFrame(part[..^4], FrameKind.Kernel));
            }
            else
            {
                frames.Add(new FlameFrame(part, kernel ? FrameKind.Kernel : FrameKind.User));
            }
        }
        return frames.Count == 0 || frames.All(f => f.Name.Length == 0) ? null : new FlameStack(frames, count);
    }
}
