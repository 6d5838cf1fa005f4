using System.Buffers;
using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>
/// Finds the elements of a JSON array in a line of text without building anything: each element's position and
/// kind go into a caller-owned, reused array. It validates what it accepts (JSON numbers, strings with legal
/// escapes and no raw control characters, literals), so a line it accepts is one JsonDocument would accept too;
/// anything else makes it give up, and the caller falls back to JsonDocument.
/// </summary>
/// <remarks>
/// The per-line methods here, in BpftraceJsonFastPath, BpftraceTuple and StringCache are marked
/// AggressiveOptimization: with tiered compilation they ran unoptimized, several times slower, for the first
/// few hundred thousand lines of a trace (and of the benchmark's short runs). They gain little from tiering's
/// profile, being non-virtual code with loops.
/// </remarks>
internal static class JsonTupleScanner
{
    // What ends a run of plain string characters: the closing quote, an escape, or a control character
    // (which JSON forbids raw in a string).
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>
    /// Scans the array that starts at <paramref name="position"/> (its '['), recording its elements.
    /// </summary>
    /// <param name="text">The line.</param>
    /// <param name="position">Where the array's '[' is.</param>
    /// <param name="elements">Receives the elements; replaced by a bigger array when it is too small.</param>
    /// <param name="count">How many elements the array has.</param>
    /// <param name="skipNested">
    /// Whether a nested array or object may be an element (recorded as <see cref="TupleElementKind.Other"/>). Its
    /// content is skipped, not validated: pass true only for text JsonDocument has already validated.
    /// </param>
    /// <returns>The position just after the array's ']', or -1 when the text is not an array this scanner reads.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Scan(ReadOnlySpan<char> text, int position, ref TupleElement[] elements, out int count, bool skipNested)
    {
        count = 0;
        if (position >= text.Length || text[position] != '[')
        {
            return -1;
        }
        var i = SkipWhitespace(text, position + 1);
        if (i < text.Length && text[i] == ']')
        {
            return i + 1;
        }
        while (i < text.Length)
        {
            TupleElement element;
            switch (text[i])
            {
                case '"':
                    var close = StringEnd(text, i + 1, out var escaped);
                    if (close < 0)
                    {
                        return -1;
                    }
                    element = new(i + 1, close - i - 1, escaped ? TupleElementKind.EscapedString : TupleElementKind.String);
                    i = close + 1;
                    break;
                case '-' or (>= '0' and <= '9'):
                    var numberEnd = NumberEnd(text, i, out var integer, out var value);
                    if (numberEnd < 0)
                    {
                        return -1;
                    }
                    element = integer ? new(i, numberEnd - i, value) : new(i, numberEnd - i, TupleElementKind.Number);
                    i = numberEnd;
                    break;
                case 'n' when text[i..].StartsWith("null"):
                    element = new(i, 4, TupleElementKind.Null);
                    i += 4;
                    break;
                case 't' when text[i..].StartsWith("true"):
                    element = new(i, 4, TupleElementKind.Other);
                    i += 4;
                    break;
                case 'f' when text[i..].StartsWith("false"):
                    element = new(i, 5, TupleElementKind.Other);
                    i += 5;
                    break;
                case '[' or '{' when skipNested:
                    var nestedEnd = NestedEnd(text, i);
                    if (nestedEnd < 0)
                    {
                        return -1;
                    }
                    element = new(i, nestedEnd - i, TupleElementKind.Other);
                    i = nestedEnd;
                    break;
                default:
                    return -1;
            }
            if (count == elements.Length)
            {
                Array.Resize(ref elements, Math.Max(8, count * 2));
            }
            elements[count++] = element;
            i = SkipWhitespace(text, i);
            if (i >= text.Length)
            {
                return -1;
            }
            if (text[i] == ']')
            {
                return i + 1;
            }
            if (text[i] != ',')
            {
                return -1;
            }
            i = SkipWhitespace(text, i + 1);
        }
        return -1;
    }

    /// <summary>The first position at or after <paramref name="i"/> that is not JSON whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        // One comparison for the usual case, a character that is not whitespace.
        while (i < text.Length && text[i] <= ' ' && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }
        return i;
    }

    /// <summary>The position of the quote that closes the string whose characters start at <paramref name="i"/>; -1 when it is not a legal JSON string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEnd(ReadOnlySpan<char> text, int i, out bool escaped)
    {
        escaped = false;
        // Most strings (comm, tags, addresses) are short: a plain loop finds their end before a vectorised
        // search has set up; longer ones (paths, arguments) go on with the vectorised search.
        for (var shortEnd = Math.Min(text.Length, i + 16); i < shortEnd; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }
            if (c == '\\' || c < ' ')
            {
                break;
            }
        }
        while (true)
        {
            var special = text[i..].IndexOfAny(StringSpecials);
            if (special < 0)
            {
                return -1;
            }
            i += special;
            switch (text[i])
            {
                case '"':
                    return i;
                case '\\':
                    escaped = true;
                    var length = JsonEscape.Length(text[i..]);
                    if (length == 0)
                    {
                        return -1;
                    }
                    i += length;
                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>
    /// The end of the JSON number that starts at <paramref name="i"/>; -1 when it is not one. An integer that fits
    /// a long comes back in <paramref name="value"/>, read while it is validated so it is not read twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NumberEnd(ReadOnlySpan<char> text, int i, out bool integer, out long value)
    {
        integer = true;
        value = 0;
        var negative = text[i] == '-';
        if (negative)
        {
            i++;
        }
        // No leading zeros: "0" alone, or a non-zero digit first. So 20 digits or more is at least 10^19, beyond a
        // long, and 19 digits fit a ulong without overflow.
        var start = i;
        ulong magnitude = 0;
        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                magnitude = (magnitude * 10) + (uint)(text[i] - '0');
                i++;
            }
            if (i == start)
            {
                return -1;
            }
            integer = i - start <= 19 && magnitude <= (negative ? 1UL << 63 : long.MaxValue);
        }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        if (i < text.Length && text[i] == '.')
        {
            integer = false;
            var digits = Digits(text, i + 1);
            if (digits == i + 1)
            {
                return -1;
            }
            i = digits;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            integer = false;
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            var digits = Digits(text, i);
            if (digits == i)
            {
                return -1;
            }
            i = digits;
        }
        return i;
    }

    private static int Digits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>The end of the (already validated) array or object that starts at <paramref name="i"/>.</summary>
    private static int NestedEnd(ReadOnlySpan<char> text, int i)
    {
        var depth = 0;
        for (; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }
                    break;
                case '"':
                    var close = StringEnd(text, i + 1, out _);
                    if (close < 0)
                    {
                        return -1;
                    }
                    i = close;
                    break;
            }
        }
        return -1;
    }
}
