using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BpfTools.Parsers;

/// <summary>
/// Scans a line one character class at a time, as the regular expression each text parser documents its line with
/// would. The skippers (<see cref="Spaces"/>, <see cref="WhiteSpace"/>, <see cref="NonWhiteSpace"/>,
/// <see cref="Digits"/>) return the index just past the run they skip, which may be empty; the matchers
/// (<see cref="Integer"/>, <see cref="SpacedInteger"/>, <see cref="PaddedInteger"/>, <see cref="Decimal"/>,
/// <see cref="WholeOrDecimal"/>) the index past what they match, or -1 when it is not there; <see cref="IsClock"/>
/// and <see cref="OnlySpacesFrom"/> say yes or no. Digits are <see cref="char.IsDigit(char)"/> and white space <see cref="char.IsWhiteSpace(char)"/>,
/// as <c>\d</c> and <c>\s</c> are; the number readers then reject non-ASCII digits, so such a line counts as
/// unparsable.
/// </summary>
internal static class TextScan
{
    /// <summary>Past a run of ' ' (a regex's " +" or " *").</summary>
    public static int Spaces(ReadOnlySpan<char> s, int i)
    {
        // Columns are padded with long runs of spaces: skipped four at a time (see FourSpacesAt).
        while (i >= 0 && i + 4 <= s.Length && FourSpacesAt(s, i))
        {
            i += 4;
        }
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }
        return i;
    }

    /// <summary>Past a run of white space (<c>\s*</c>).</summary>
    public static int WhiteSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>Past a run of anything but white space (<c>\S*</c>).</summary>
    public static int NonWhiteSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && !char.IsWhiteSpace(s[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>Past a run of digits (<c>\d*</c>).</summary>
    public static int Digits(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && char.IsDigit(s[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>Past <c>-?\d+</c>, or -1 when there is none at <paramref name="i"/>.</summary>
    public static int Integer(ReadOnlySpan<char> s, int i, bool signed)
    {
        var start = signed && i < s.Length && s[i] == '-' ? i + 1 : i;
        var end = Digits(s, start);
        return end > start ? end : -1;
    }

    /// <summary>
    /// Past <c> +(-?\d+)(?= )</c>: at least one space, an integer, and a space after it (a column between columns),
    /// or -1 when that is not at <paramref name="i"/>; <paramref name="start"/> is where the integer begins.
    /// </summary>
    public static int SpacedInteger(ReadOnlySpan<char> s, int i, bool signed, out int start)
    {
        start = Spaces(s, i);
        var end = Integer(s, start, signed);
        return start > i && end >= 0 && end < s.Length && s[end] == ' ' ? end : -1;
    }

    /// <summary>
    /// Past <c> +(-?\d+) +</c>: an integer column with the padding on both sides, so at where the next column starts,
    /// or -1 when that is not at <paramref name="i"/>; <paramref name="integer"/> is where the integer is.
    /// </summary>
    public static int PaddedInteger(ReadOnlySpan<char> s, int i, bool signed, out Column integer)
    {
        var end = SpacedInteger(s, i, signed, out var start);
        integer = end < 0 ? default : new Column(start, end);
        return end < 0 ? -1 : Spaces(s, end);
    }

    /// <summary>Past <c>-?\d+\.\d+</c>, or -1 when there is none at <paramref name="i"/>.</summary>
    public static int Decimal(ReadOnlySpan<char> s, int i, bool signed)
    {
        var point = Integer(s, i, signed);
        if (point < 0 || point >= s.Length || s[point] != '.')
        {
            return -1;
        }
        var end = Digits(s, point + 1);
        return end > point + 1 ? end : -1;
    }

    /// <summary>Past <c>\d+(?:\.\d+)?</c>, or -1 when there is none at <paramref name="i"/>.</summary>
    public static int WholeOrDecimal(ReadOnlySpan<char> s, int i)
    {
        var end = Integer(s, i, signed: false);
        return end >= 0 && Decimal(s, i, signed: false) is var withFraction && withFraction > end ? withFraction : end;
    }

    /// <summary>True when <c>\d\d:\d\d:\d\d</c> starts at <paramref name="i"/>.</summary>
    public static bool IsClock(ReadOnlySpan<char> s, int i) =>
        i + 8 <= s.Length
        && char.IsDigit(s[i]) && char.IsDigit(s[i + 1]) && s[i + 2] == ':'
        && char.IsDigit(s[i + 3]) && char.IsDigit(s[i + 4]) && s[i + 5] == ':'
        && char.IsDigit(s[i + 6]) && char.IsDigit(s[i + 7]);

    /// <summary>True when every character from <paramref name="i"/> on is a space (<c> *$</c>).</summary>
    public static bool OnlySpacesFrom(ReadOnlySpan<char> s, int i) => Spaces(s, i) == s.Length;

    /// <summary>
    /// The last run of non-spaces before <paramref name="end"/>, spaces before <paramref name="end"/> skipped: for lines
    /// read from the right, whose last columns hold no spaces; false when there is none.
    /// </summary>
    public static bool TryTokenBefore(ReadOnlySpan<char> s, int end, out Column token)
    {
        var stop = end;
        while (stop >= 4 && stop <= s.Length && FourSpacesAt(s, stop - 4))
        {
            stop -= 4;
        }
        while (stop > 0 && s[stop - 1] == ' ')
        {
            stop--;
        }
        var start = stop;
        while (start > 0 && s[start - 1] != ' ')
        {
            start--;
        }
        token = new Column(start, stop);
        return stop > start;
    }

    /// <summary>A TCP or UDP port: ASCII digits, 0 to 65535.</summary>
    public static bool TryPort(ReadOnlySpan<char> digits, out int port) =>
        TryUnsigned(digits, out port) && port <= ushort.MaxValue;

    /// <summary>
    /// <c>int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)</c>. One to nine ASCII
    /// digits (no overflow possible) are added up here, several times faster; anything else goes to int.TryParse,
    /// so the answer is always its answer (which, for one, accepts trailing NUL characters).
    /// </summary>
    public static bool TryUnsigned(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    /// <summary><c>long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)</c>, nine digits or fewer as <see cref="TryUnsigned"/> reads them.</summary>
    public static bool TryUnsignedLong(ReadOnlySpan<char> digits, out long value)
    {
        if (digits.Length <= 9)
        {
            var read = TryUnsigned(digits, out var small);
            value = small;
            return read;
        }
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// <c>int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)</c> for a
    /// <c>-?\d+</c> column (a file descriptor, a return value: a negative errno), the digits read as
    /// <see cref="TryUnsigned"/> reads them.
    /// </summary>
    public static bool TrySigned(ReadOnlySpan<char> text, out int value)
    {
        if (text.Length is > 1 and <= 10 && text[0] == '-')
        {
            var read = TryUnsigned(text[1..], out var magnitude);
            value = -magnitude;
            return read;
        }
        if (text.Length <= 9 && (text.IsEmpty || text[0] != '+'))
        {
            return TryUnsigned(text, out value);
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// <c>ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)</c>: a
    /// socket's address (tcpstates' SKADDR). Up to sixteen hex digits are computed here, several times faster;
    /// anything else goes to ulong.TryParse, so the answer is always its answer.
    /// </summary>
    public static bool TryHex(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 16)
        {
            return ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        foreach (var c in text)
        {
            var digit = HexDigit(c);
            if (digit < 0)
            {
                return ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }
            value = (value << 4) | (uint)digit;
        }
        return true;
    }

    /// <summary>The value of an ASCII hex digit (either case), or -1 for any other character.</summary>
    public static int HexDigit(char c) => c is >= '0' and <= '9' ? c - '0' : (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;

    /// <summary>
    /// True when the four characters from <paramref name="i"/> (which the caller has checked are in the span) are
    /// spaces: read as one 64-bit word, four UTF-16 spaces whatever the byte order.
    /// </summary>
    private static bool FourSpacesAt(ReadOnlySpan<char> s, int i) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), i))) == 0x0020_0020_0020_0020UL;
}
