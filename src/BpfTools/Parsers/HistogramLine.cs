namespace BpfTools.Parsers;

/// <summary>
/// The lines of a log2 histogram as bcc's and libbpf-tools' histogram tools print them, recognised as the
/// regular expressions in each method's summary would recognise them.
/// </summary>
internal static class HistogramLine
{
    // As printed, and as BpfHistogram.Unit says it: bitesize prints "Kbytes".
    private static readonly (string Text, string Unit)[] Units =
        [("usecs", "usecs"), ("msecs", "msecs"), ("nsecs", "nsecs"), ("bytes", "bytes"), ("kbytes", "kbytes"), ("Kbytes", "kbytes"), ("slots", "slots")];

    // "disk = vda", "flags = Sync-Write", "pid = 22 ksoftirqd/1", "tid = 7", "comm = nginx"; bitesize's
    // "Process Name = dd" is a comm too.
    private static readonly (string Text, string Kind)[] KeyKinds =
        [("disk", "disk"), ("flags", "flags"), ("pid", "pid"), ("tid", "tid"), ("comm", "comm"), ("pidns", "pidns"), ("Process Name", "comm"),
         ("hardirq", "hardirq"), ("softirq", "softirq")];

    /// <summary><c>^\s*(\d+)\s*-&gt;\s*(\d+)\s*:\s*(\d+)\s*\|</c>: "low -&gt; high : count |***|".</summary>
    public static bool TryRow(ReadOnlySpan<char> s, out ReadOnlySpan<char> low, out ReadOnlySpan<char> high, out ReadOnlySpan<char> count)
    {
        low = high = count = default;
        var i = TextScan.WhiteSpace(s, 0);
        var lowEnd = TextScan.Digits(s, i);
        if (lowEnd == i)
        {
            return false;
        }
        low = s[i..lowEnd];
        i = TextScan.WhiteSpace(s, lowEnd);
        if (!s[i..].StartsWith("->"))
        {
            return false;
        }
        i = TextScan.WhiteSpace(s, i + 2);
        var highEnd = TextScan.Digits(s, i);
        if (highEnd == i)
        {
            return false;
        }
        high = s[i..highEnd];
        i = TextScan.WhiteSpace(s, highEnd);
        if (i >= s.Length || s[i] != ':')
        {
            return false;
        }
        i = TextScan.WhiteSpace(s, i + 1);
        var countEnd = TextScan.Digits(s, i);
        if (countEnd == i)
        {
            return false;
        }
        count = s[i..countEnd];
        i = TextScan.WhiteSpace(s, countEnd);
        return i < s.Length && s[i] == '|';
    }

    /// <summary><c>^\s*(usecs|msecs|nsecs|bytes|kbytes|Kbytes|slots)\s*:\s*count\s+distribution</c>: the column header, and its unit.</summary>
    public static bool TryHeader(ReadOnlySpan<char> s, out string unit)
    {
        var start = TextScan.WhiteSpace(s, 0);
        foreach (var (candidate, name) in Units)
        {
            if (!s[start..].StartsWith(candidate))
            {
                continue;
            }
            var i = TextScan.WhiteSpace(s, start + candidate.Length);
            if (i >= s.Length || s[i] != ':')
            {
                continue;
            }
            i = TextScan.WhiteSpace(s, i + 1);
            if (!s[i..].StartsWith("count"))
            {
                continue;
            }
            var distribution = TextScan.WhiteSpace(s, i + 5);
            if (distribution > i + 5 && s[distribution..].StartsWith("distribution"))
            {
                unit = name;
                return true;
            }
        }
        unit = "";
        return false;
    }

    /// <summary><c>^\s*(disk|flags|pid|tid|comm|pidns|Process Name|hardirq|softirq)\s*=\s*(.*)$</c>: the key line above a histogram.</summary>
    public static bool TryKey(ReadOnlySpan<char> s, out string kind, out ReadOnlySpan<char> value)
    {
        var start = TextScan.WhiteSpace(s, 0);
        foreach (var (candidate, name) in KeyKinds)
        {
            if (!s[start..].StartsWith(candidate))
            {
                continue;
            }
            var i = TextScan.WhiteSpace(s, start + candidate.Length);
            if (i < s.Length && s[i] == '=')
            {
                kind = name;
                value = s[TextScan.WhiteSpace(s, i + 1)..];
                return true;
            }
        }
        kind = "";
        value = default;
        return false;
    }

    /// <summary><c>^(\d\d:\d\d:\d\d)\s*$</c>: -T's time line, which starts an interval.</summary>
    public static bool IsTime(ReadOnlySpan<char> s) => TextScan.IsClock(s, 0) && TextScan.WhiteSpace(s, 8) == s.Length;
}
