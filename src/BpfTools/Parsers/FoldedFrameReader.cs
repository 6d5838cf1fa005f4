namespace BpfTools.Parsers;

/// <summary>
/// Reads the ';'-separated frames of a folded stack in place, root first, each with its side: kernel frames are
/// those after the "-" delimiter (profile -d) and those bcc's -a marks with "_[k]", given without the mark; the
/// rest are user frames. The delimiter itself is no frame.
/// </summary>
internal ref struct FoldedFrameReader
{
    private const string KernelAnnotation = "_[k]";

    private ReadOnlySpan<char> _rest;
    private bool _more;
    private bool _inKernel;

    /// <summary>Starts at the first of <paramref name="frames"/> ("root;...;leaf", the process name already cut off).</summary>
    public FoldedFrameReader(ReadOnlySpan<char> frames)
    {
        _rest = frames;
        _more = true;
    }

    /// <summary>The next frame and whether it is a kernel frame; false past the last one.</summary>
    public bool TryNext(out ReadOnlySpan<char> frame, out bool isKernel)
    {
        while (_more)
        {
            // As string.Split(';') would cut it: an empty frame is a frame.
            var end = _rest.IndexOf(';');
            _more = end >= 0;
            frame = _more ? _rest[..end] : _rest;
            _rest = _more ? _rest[(end + 1)..] : [];
            if (frame.SequenceEqual("-"))
            {
                _inKernel = true;
                continue;
            }
            var annotated = frame.EndsWith(KernelAnnotation);
            isKernel = annotated || _inKernel;
            frame = annotated ? frame[..^KernelAnnotation.Length] : frame;
            return true;
        }
        frame = default;
        isKernel = false;
        return false;
    }
}
