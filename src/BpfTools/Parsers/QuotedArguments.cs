using System.Text;

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

    public static Outcome Decode(string text, List<string> args)
    {
        args.Clear();
        var body = text.TrimEnd(' ');
        if (body.Length == 0)
        {
            return Outcome.Complete;
        }
        if (body[0] != '"')
        {
            return DecodeUnquoted(body, args);
        }

        var current = new StringBuilder();
        var i = 0;
        while (i < body.Length)
        {
            if (string.CompareOrdinal(body, i, LibbpfQuotedEllipsis, 0, LibbpfQuotedEllipsis.Length) == 0 && i + LibbpfQuotedEllipsis.Length == body.Length)
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
                return body.AsSpan(i).SequenceEqual("...") ? Outcome.Truncated : ReadBare(body, i, args);
            }
            i++;
            current.Clear();
            var closed = false;
            while (i < body.Length)
            {
                var c = body[i];
                if (c == '\\' && i + 1 < body.Length && body[i + 1] is '"' or 't' or 'n')
                {
                    current.Append(body[i + 1] switch { 't' => '\t', 'n' => '\n', _ => '"' });
                    i += 2;
                    continue;
                }
                if (c == '"')
                {
                    closed = true;
                    i++;
                    break;
                }
                current.Append(c);
                i++;
            }
            args.Add(current.ToString());
            if (!closed)
            {
                return Outcome.OpenQuote;
            }
        }
        return Outcome.Complete;
    }

    private static Outcome ReadBare(string body, int start, List<string> args)
    {
        args.Add(body[start..]);
        return Outcome.Complete;
    }

    private static Outcome DecodeUnquoted(string body, List<string> args)
    {
        var truncated = body.EndsWith(Ellipsis, StringComparison.Ordinal);
        if (truncated)
        {
            body = body[..^Ellipsis.Length].TrimEnd(' ');
        }
        args.AddRange(body.Split(' '));
        return truncated ? Outcome.Truncated : Outcome.Complete;
    }
}
