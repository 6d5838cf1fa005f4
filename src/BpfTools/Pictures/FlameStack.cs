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
internal readonly record struct FlameFrame(string Name, FrameKind Kind)
{
    /// <summary>
    /// The function of a frame without its offset: "main+65" and "main+0x41" are both "main". The tools name each
    /// return address, so one function's samples come with many offsets; drawn apart they would split one function
    /// into thin towers (stackcollapse-bpftrace.pl strips them for the same reason). Only an all-digit (or 0x hex)
    /// suffix after the last '+' is an offset: "operator+" and "f&lt;1+n&gt;" stay whole.
    /// </summary>
    public static string WithoutOffset(string frame)
    {
        var plus = frame.LastIndexOf('+');
        if (plus <= 0 || plus == frame.Length - 1)
        {
            return frame;
        }
        var offset = frame.AsSpan(plus + 1);
        var hex = offset.StartsWith("0x", StringComparison.Ordinal);
        if (hex)
        {
            offset = offset[2..];
        }
        foreach (var c in offset)
        {
            if (!(char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c))))
            {
                return frame;
            }
        }
        return offset.IsEmpty ? frame : frame[..plus];
    }
}

/// <summary>A stack root first (process name, user frames, kernel frames) and how much it weighs.</summary>
internal sealed record FlameStack(IReadOnlyList<FlameFrame> Frames, long Count)
{
    /// <summary>
    /// A stack from the frames of a sample, which the tools give leaf first; offsets dropped from frame names unless
    /// <paramref name="keepOffsets"/> (see <see cref="FlameFrame.WithoutOffset"/>).
    /// </summary>
    public static FlameStack FromSample(string processName, IEnumerable<string> userLeafFirst, IEnumerable<string> kernelLeafFirst, long count,
        bool keepOffsets = false)
    {
        var frames = new List<FlameFrame> { new(processName, FrameKind.User) };
        frames.AddRange(userLeafFirst.Reverse().Select(f => new FlameFrame(Function(f, keepOffsets), FrameKind.User)));
        frames.AddRange(kernelLeafFirst.Reverse().Select(f => new FlameFrame(Function(f, keepOffsets), FrameKind.Kernel)));
        return new FlameStack(frames, count);
    }

    private static string Function(string frame, bool keepOffsets) => keepOffsets ? frame : FlameFrame.WithoutOffset(frame);

    /// <summary>
    /// A folded line, "comm;root;...;leaf 12". A frame ending in "_[k]" is a kernel frame (flamegraph.pl's
    /// convention, shown without the suffix), as is every frame after a lone "-" (bcc profile -d's delimiter
    /// between user and kernel frames). Null when the line has no frames or no whole count after its last space.
    /// Offsets are dropped from frame names unless <paramref name="keepOffsets"/>; the first frame, the process name, is kept whole.
    /// </summary>
    public static FlameStack? FromFolded(string line, bool keepOffsets = false)
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
                frames.Add(new FlameFrame(Function(part[..^4], keepOffsets), FrameKind.Kernel));
            }
            else
            {
                frames.Add(new FlameFrame(frames.Count == 0 ? part : Function(part, keepOffsets), kernel ? FrameKind.Kernel : FrameKind.User));
            }
        }
        return frames.Count == 0 || frames.All(f => f.Name.Length == 0) ? null : new FlameStack(frames, count);
    }
}
