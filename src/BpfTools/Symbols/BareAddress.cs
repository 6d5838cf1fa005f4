using System.Globalization;

namespace BpfTools.Symbols;

/// <summary>A frame printed as a bare hexadecimal address ("0x7f181fe3cf51"): one nothing has named yet.</summary>
internal static class BareAddress
{
    // x86-64 and arm64 user space is below 2^47 (2^48 with 5-level paging off the default); kernel addresses are far above.
    private const ulong UserLimit = 1UL << 56;

    /// <summary>The user-space address a frame holds, or false when the frame is a name or a kernel address.</summary>
    public static bool TryParse(ReadOnlySpan<char> frame, out ulong address)
    {
        address = 0;
        return frame.Length > 2 && frame.Length <= 18 && frame[0] == '0' && frame[1] == 'x'
            && ulong.TryParse(frame[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
            && address < UserLimit;
    }
}
