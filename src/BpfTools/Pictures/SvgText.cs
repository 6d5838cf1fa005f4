using System.Globalization;
using System.Text;

namespace BpfTools.Pictures;

/// <summary>Text and numbers as they may appear inside an SVG document.</summary>
internal static class SvgText
{
    /// <summary>
    /// <paramref name="text"/> escaped for element content and for attribute values in either quote. Characters
    /// XML 1.0 cannot hold at all (control characters, lone surrogates) become U+FFFD: a function name is data
    /// from the traced program, and one bad character would make the browser refuse the whole file.
    /// </summary>
    public static string Escape(string text)
    {
        StringBuilder? built = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => " ",
                _ when c < ' ' || c is '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                built?.Append(c);
                continue;
            }
            built ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            built.Append(replacement);
        }
        return built?.ToString() ?? text;
    }

    /// <summary>A coordinate with two decimals at most, culture-invariant ("12.5", never "12,5").</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, the same in every culture ("1,234").</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>
    /// As much of <paramref name="name"/> as fits in <paramref name="width"/> pixels of 12px Verdana, cut with "..";
    /// empty where not even three characters fit. The page's script does the same after a zoom.
    /// </summary>
    public static string Fit(string name, double width)
    {
        var chars = (int)((width - 6) / (FontSize * CharWidth));
        return chars < 3 ? "" : name.Length <= chars ? name : name[..(chars - 2)] + "..";
    }

    /// <summary>The font size of frame labels, in pixels.</summary>
    public const double FontSize = 12;

    /// <summary>The average width of a Verdana character, as a fraction of the font size.</summary>
    public const double CharWidth = 0.59;
}
