namespace BpfTools.Parsers;

/// <summary>
/// JSON string escapes (\" \\ \/ \b \f \n \r \t \uXXXX): checking them while scanning, and turning a string's
/// raw characters into its value. bpftrace escapes quotes, backslashes and control characters, so a path or an
/// argument holding a newline or a quote arrives escaped.
/// </summary>
internal static class JsonEscape
{
    /// <summary>The length of the escape at the start of <paramref name="text"/> (its backslash); 0 when it is not a legal one.</summary>
    public static int Length(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return 0;
        }
        switch (text[1])
        {
            case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                return 2;
            case 'u' when text.Length >= 6 && char.IsAsciiHexDigit(text[2]) && char.IsAsciiHexDigit(text[3])
                && char.IsAsciiHexDigit(text[4]) && char.IsAsciiHexDigit(text[5]):
                return 6;
            default:
                return 0;
        }
    }

    /// <summary>
    /// The length of the value of a string whose raw characters (between the quotes, escapes already checked by
    /// the scanner) are <paramref name="raw"/>. Throws FormatException on a \u escape that is half of a surrogate
    /// pair without its other half, which is not text (JsonElement.GetString() refuses it too).
    /// </summary>
    public static int UnescapedLength(ReadOnlySpan<char> raw)
    {
        var length = 0;
        var expectLow = false;
        for (var i = 0; i < raw.Length; length++)
        {
            if (raw[i] != '\\')
            {
                if (expectLow)
                {
                    throw LoneSurrogate();
                }
                i++;
                continue;
            }
            if (raw[i + 1] != 'u')
            {
                if (expectLow)
                {
                    throw LoneSurrogate();
                }
                i += 2;
                continue;
            }
            var unit = Hex4(raw.Slice(i + 2, 4));
            if (char.IsHighSurrogate(unit))
            {
                if (expectLow)
                {
                    throw LoneSurrogate();
                }
                expectLow = true;
            }
            else if (char.IsLowSurrogate(unit))
            {
                if (!expectLow)
                {
                    throw LoneSurrogate();
                }
                expectLow = false;
            }
            else if (expectLow)
            {
                throw LoneSurrogate();
            }
            i += 6;
        }
        return expectLow ? throw LoneSurrogate() : length;
    }

    /// <summary>Writes the value of <paramref name="raw"/> (checked by <see cref="UnescapedLength"/>) to <paramref name="destination"/>.</summary>
    public static void Unescape(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var backslash = raw[i..].IndexOf('\\');
            var plain = backslash < 0 ? raw.Length - i : backslash;
            raw.Slice(i, plain).CopyTo(destination[written..]);
            written += plain;
            i += plain;
            if (i == raw.Length)
            {
                break;
            }
            var c = raw[i + 1];
            destination[written++] = c switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => Hex4(raw.Slice(i + 2, 4)),
                _ => c, // \" \\ \/
            };
            i += c == 'u' ? 6 : 2;
        }
    }

    /// <summary>Whether the value of <paramref name="raw"/> is <paramref name="expected"/>, without building it.</summary>
    public static bool ValueEquals(ReadOnlySpan<char> raw, string expected)
    {
        if (raw.Length < expected.Length || UnescapedLength(raw) != expected.Length)
        {
            return false;
        }
        Span<char> value = expected.Length <= 256 ? stackalloc char[expected.Length] : new char[expected.Length];
        Unescape(raw, value);
        return value.SequenceEqual(expected);
    }

    private static char Hex4(ReadOnlySpan<char> hex)
    {
        var value = 0;
        foreach (var c in hex)
        {
            value = (value << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return (char)value;
    }

    private static FormatException LoneSurrogate() => new("A \\u escape is half of a surrogate pair without the other half.");
}
