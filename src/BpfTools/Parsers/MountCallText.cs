using System.Globalization;

namespace BpfTools.Parsers;

/// <summary>
/// Splits mountsnoop's strace-like call by its arity, as <see cref="MountTextParser"/>'s expressions for it would:
/// <c>^mount\("(.*?)", "(.*)", "([^"]*)", FLAGS, "(.*)"\) = RET$</c> and <c>^umount\("(.*)", FLAGS\) = RET$</c>,
/// FLAGS <c>\w+(?: \| \w+)*</c>, RET <c>-?\d+|-E[A-Z0-9]+</c>. The strings are printed raw, so quotes and commas
/// inside them are only told apart by where the unquoted FLAGS and the quote-free file system type can be.
/// </summary>
internal static class MountCallText
{
    /// <summary>The call's fields, within the call's text; the ones a umount does not have are default.</summary>
    internal record struct Call(Column Source, Column Target, Column FileSystemType, Column Flags, Column Data, Column Ret);

    /// <summary>Reads <c>mount("src", "target", "fstype", FLAGS, "data") = RET</c>.</summary>
    public static bool TryReadMount(ReadOnlySpan<char> s, out Call call)
    {
        call = default;
        // RET runs to the end and holds no quote, so only one ") = " can come before it: where the data ends.
        var dataEnd = RetStart(s, "\") = ".Length) - "\") = ".Length;
        if (!s.StartsWith("mount(\"", StringComparison.Ordinal) || dataEnd < 0 || !s[dataEnd..].StartsWith("\") = ", StringComparison.Ordinal))
        {
            return false;
        }
        // The source is lazy: each '", "' from the left ends it in turn; the target greedy: from the right.
        const int sourceStart = 7;
        for (var sourceEnd = Next(s, sourceStart); sourceEnd >= 0; sourceEnd = Next(s, sourceEnd + 1))
        {
            var targetStart = sourceEnd + 4;
            for (var targetEnd = Previous(s, s.Length); targetEnd >= targetStart; targetEnd = Previous(s, targetEnd))
            {
                // The type holds no quote, so it ends at the first one; the flags are taken whole (what could
                // follow a shorter run is a word character or " | ", never ", ").
                var fsStart = targetEnd + 4;
                var fsEnd = fsStart + s[fsStart..].IndexOf('"');
                if (fsEnd < fsStart || !s[fsEnd..].StartsWith("\", ", StringComparison.Ordinal))
                {
                    continue;
                }
                var flagsEnd = FlagsEnd(s, fsEnd + 3);
                if (flagsEnd < 0 || !s[flagsEnd..].StartsWith(", \"", StringComparison.Ordinal) || flagsEnd + 3 > dataEnd)
                {
                    continue;
                }
                call = new Call(new Column(sourceStart, sourceEnd), new Column(targetStart, targetEnd), new Column(fsStart, fsEnd),
                    new Column(fsEnd + 3, flagsEnd), new Column(flagsEnd + 3, dataEnd), new Column(dataEnd + 5, s.Length));
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads <c>umount("target", FLAGS) = RET</c>.</summary>
    public static bool TryReadUmount(ReadOnlySpan<char> s, out Call call)
    {
        call = default;
        var flagsEnd = RetStart(s, ") = ".Length) - ") = ".Length;
        if (!s.StartsWith("umount(\"", StringComparison.Ordinal) || flagsEnd < 0 || !s[flagsEnd..].StartsWith(") = ", StringComparison.Ordinal))
        {
            return false;
        }
        // The target is greedy: the last '", ' whose flags run up to the ") = " before RET ends it.
        const int targetStart = 8;
        for (var targetEnd = s.LastIndexOf("\", ", StringComparison.Ordinal); targetEnd >= targetStart;
             targetEnd = s[..targetEnd].LastIndexOf("\", ", StringComparison.Ordinal))
        {
            if (FlagsEnd(s, targetEnd + 3) == flagsEnd)
            {
                call = new Call(default, new Column(targetStart, targetEnd), default, new Column(targetEnd + 3, flagsEnd), default,
                    new Column(flagsEnd + 4, s.Length));
                return true;
            }
        }
        return false;
    }

    /// <summary>Where '", "' next starts at or after <paramref name="i"/>, or -1.</summary>
    private static int Next(ReadOnlySpan<char> s, int i)
    {
        var at = s[i..].IndexOf("\", \"", StringComparison.Ordinal);
        return at < 0 ? -1 : i + at;
    }

    /// <summary>Where the last '", "' starting before <paramref name="end"/> starts, or -1.</summary>
    private static int Previous(ReadOnlySpan<char> s, int end) =>
        end <= 0 ? -1 : s[..Math.Min(s.Length, end - 1 + 4)].LastIndexOf("\", \"", StringComparison.Ordinal) is var at && at < end ? at : -1;

    /// <summary>
    /// Where RET starts: the shortest suffix that is not RET ends there (RET's characters are never ' '), when
    /// at least <paramref name="before"/> characters come before it; -1 when the line does not end in RET.
    /// </summary>
    private static int RetStart(ReadOnlySpan<char> s, int before)
    {
        var start = s.LastIndexOf(' ') + 1;
        return start >= before && IsRet(s[start..]) ? start : -1;
    }

    /// <summary><c>^(?:-?\d+|-E[A-Z0-9]+)$</c>: digits as <c>\d</c> reads them (the result parse rejects non-ASCII).</summary>
    private static bool IsRet(ReadOnlySpan<char> s)
    {
        var digits = s.Length > 0 && s[0] == '-' ? s[1..] : s;
        if (digits.Length > 0 && TextScan.Digits(digits, 0) == digits.Length)
        {
            return true;
        }
        if (s.Length < 3 || !s.StartsWith("-E", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in s[2..])
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Past <c>\w+(?: \| \w+)*</c> at <paramref name="i"/>, taken whole, or -1 when no word starts there.</summary>
    private static int FlagsEnd(ReadOnlySpan<char> s, int i)
    {
        var end = Word(s, i);
        if (end < 0)
        {
            return -1;
        }
        while (s[end..].StartsWith(" | ", StringComparison.Ordinal) && Word(s, end + 3) is var next && next > 0)
        {
            end = next;
        }
        return end;
    }

    private static int Word(ReadOnlySpan<char> s, int i)
    {
        var end = i;
        while (end < s.Length && IsWordChar(s[end]))
        {
            end++;
        }
        return end > i ? end : -1;
    }

    /// <summary><c>\w</c> as .NET's regular expressions read it: letters, non-spacing marks, decimal digits and connectors.</summary>
    internal static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_'
        || (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation);
}
