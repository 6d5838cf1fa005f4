namespace BpfTools.Parsers;

/// <summary>
/// Decodes execsnoop's argument column. With -q each argument is in double quotes, and the tools escape
/// a quote as \", a tab as \t and a newline as \n (libbpf-tools and bcc alike); a backslash itself is not
/// escaped, so only those three sequences are decoded. Without -q arguments are joined by single spaces.
/// </summary>
internal static class QuotedArguments
{
    /// <summary>What the decoder found.</summary>
    internal enum Outcome
    {
        Complete,
        Truncated,
        OpenQuote,
    }

    /// <summary>libbpf-tools' mark for "more arguments than --max-args" in quote mode: an opened quote, then " ...".</summary>
    private const string LibbpfQuotedEllipsis = "\" ...";

    private const string Ellipsis = " ...";

    // Longer escaped arguments are decoded into a heap buffer instead.
    private const int StackBufferLength = 256;

    /// <summary>
    /// What <see cref="Decode"/> would return for <paramref name="text"/>, found by the same walk without making
    /// the arguments: the parser needs only this on every line, the arguments when a record's are first read.
    /// </summary>
    public static Outcome Scan(ReadOnlySpan<char> text) => Decode(text, null, null);

    /// <summary>
    /// Decodes <paramref name="text"/> into <paramref name="args"/> (cleared first; none made when null), each made
    /// by <paramref name="strings"/> (a new string each when null).
    /// </summary>
    public static Outcome Decode(ReadOnlySpan<char> text, List<string>? args, StringCache? strings)
    {
        args?.Clear();
        var body = text.TrimEnd(' ');
        if (body.IsEmpty)
        {
            return Outcome.Complete;
        }
        if (body[0] != '"')
        {
            return DecodeUnquoted(body, args, strings);
        }

        var i = 0;
        while (i < body.Length)
        {
            if (i + LibbpfQuotedEllipsis.Length == body.Length && body[i..].SequenceEqual(LibbpfQuotedEllipsis))
            {
                return Outcome.Truncated;
            }
            if (body[i] != '"')
            {
                // Between arguments the tools put exactly one space; anything else is the tail mark or noise.
                if (body[i] == ' ')
                {
                    i++;
                    continue;
                }
                if (body[i..].SequenceEqual("..."))
                {
                    return Outcome.Truncated;
                }
                Add(body[i..], args, strings);
                return Outcome.Complete;
            }
            i++;
            var closed = ReadQuoted(body, ref i, args, strings);
            if (!closed)
            {
                return Outcome.OpenQuote;
            }
        }
        return Outcome.Complete;
    }

    /// <summary>Adds the argument starting at <paramref name="i"/> (past its opening quote); false when its closing quote is missing.</summary>
    private static bool ReadQuoted(ReadOnlySpan<char> body, ref int i, List<string>? args, StringCache? strings)
    {
        var start = i;
        var escapes = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '"')
            {
                break;
            }
            // Test the rare backslash before calling IsEscape: this loop runs over every character of every line.
            if (c == '\\' && IsEscape(body, i))
            {
                escapes++;
                i++;
            }
            i++;
        }
        var closed = i < body.Length;
        var quoted = body[start..i];
        if (closed)
        {
            i++;
        }
        if (args is null)
        {
            return closed;
        }
        if (escapes == 0)
        {
            Add(quoted, args, strings);
            return closed;
        }
        var length = quoted.Length - escapes;
        var decoded = length <= StackBufferLength ? stackalloc char[StackBufferLength] : new char[length];
        var n = 0;
        for (var j = 0; j < quoted.Length; j++)
        {
            if (IsEscape(quoted, j))
            {
                j++;
                decoded[n++] = quoted[j] switch { 't' => '\t', 'n' => '\n', _ => '"' };
            }
            else
            {
                decoded[n++] = quoted[j];
            }
        }
        Add(decoded[..n], args, strings);
        return closed;
    }

    private static void Add(ReadOnlySpan<char> argument, List<string>? args, StringCache? strings) =>
        args?.Add(strings is null ? new string(argument) : strings.Get(argument));

    private static bool IsEscape(ReadOnlySpan<char> text, int i) =>
        text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or 't' or 'n';

    private static Outcome DecodeUnquoted(ReadOnlySpan<char> body, List<string>? args, StringCache? strings)
    {
        var truncated = body.EndsWith(Ellipsis);
        if (args is null)
        {
            return truncated ? Outcome.Truncated : Outcome.Complete;
        }
        if (truncated)
        {
            body = body[..^Ellipsis.Length].TrimEnd(' ');
        }
        // As string.Split(' '): every single space separates, so two in a row make an empty argument.
        int space;
        while ((space = body.IndexOf(' ')) >= 0)
        {
            Add(body[..space], args, strings);
            body = body[(space + 1)..];
        }
        Add(body, args, strings);
        return truncated ? Outcome.Truncated : Outcome.Complete;
    }
}
