using System.Globalization;

namespace BpfTools.Symbols;

/// <summary>A frame printed as a bare hexadecimal address ("0x7f181fe3cf51"): one nothing has named yet.</summary>
internal static class BareAddress
{
    // Kernel addresses are in the top half (0xffff8... on x86-64, 0xffff0... and up on arm64). Anything below is
    // user space, or garbage a frame-pointer walk read from a frame without one ("0x696a2d736c6f6f74", text): in no
    // mapping, it becomes [unknown] rather than a one-sample tower of its own.
    private const ulong UserLimit = 0xffff_0000_0000_0000;

    /// <summary>The address a frame holds, or false when the frame is a name or a kernel address.</summary>
    public static bool TryParse(ReadOnlySpan<char> frame, out ulong address)
    {
        address = 0;
        return frame.Length > 2 && frame.Length <= 18 && frame[0] == '0' && frame[1] == 'x'
            && ulong.TryParse(frame[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
            && address < UserLimit;
    }
}
