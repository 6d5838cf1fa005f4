using System.Globalization;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the tools' decimal columns ("0.74", "195.31", "1.022346") with exactly the results of
/// <see cref="decimal"/> or <see cref="double"/> parsing, mostly without it: the digits are read as one integer,
/// then scaled into whole units (ticks, bytes) or divided into a double by a power of ten. Text with too many
/// digits for that to be exact takes the parser's own path.
/// </summary>
internal static class DecimalText
{
    private const int MaxFastDigits = 18;

    private static readonly long[] PowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    /// <summary>
    /// <c>(long)(decimal.Parse(text) * scale)</c> (truncated toward zero), or false when the text is not
    /// <c>-?\d+(\.\d+)?</c> in ASCII digits or the result does not fit a long.
    /// </summary>
    public static bool TryScaleTruncated(ReadOnlySpan<char> text, long scale, out long result) =>
        TryScale(text, scale, roundToEven: false, out result);

    /// <summary>
    /// <c>(long)Math.Round(decimal.Parse(text) * scale)</c> (half to even), or false when the text is not
    /// <c>-?\d+(\.\d+)?</c> in ASCII digits or the result does not fit a long.
    /// </summary>
    public static bool TryScaleRounded(ReadOnlySpan<char> text, long scale, out long result) =>
        TryScale(text, scale, roundToEven: true, out result);

    /// <summary>
    /// <c>double.TryParse(text)</c> with a leading sign and a decimal point allowed (invariant culture). For
    /// <c>-?\d+(\.\d+)?</c> of at most 15 digits it is computed here: a whole number of at most 15 digits divided
    /// by a power of ten is the correctly rounded double, as the parser's is; any other text goes to the parser.
    /// </summary>
    public static bool TryDouble(ReadOnlySpan<char> text, out double value)
    {
        if (TryDigits(text, out var negative, out var digits, out var fractionDigits, out var digitCount) && digitCount <= 15)
        {
            value = fractionDigits == 0 ? digits : digits / (double)PowersOfTen[fractionDigits];
            value = negative ? -value : value;
            return true;
        }
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryScale(ReadOnlySpan<char> text, long scale, bool roundToEven, out long result)
    {
        result = 0;
        if (!TryDigits(text, out var negative, out var digits, out var fractionDigits, out var digitCount))
        {
            return false;
        }
        if (digitCount > MaxFastDigits)
        {
            return TryScaleAsDecimal(text, scale, roundToEven, out result);
        }
        var divisor = PowersOfTen[fractionDigits];
        long quotient, remainder;
        if (digits <= long.MaxValue / scale)
        {
            quotient = Math.DivRem(digits * scale, divisor, out remainder);
        }
        else
        {
            // Rare (a huge value): the product needs 128 bits.
            var wide = Int128.DivRem((Int128)digits * scale, divisor);
            if (wide.Quotient >= long.MaxValue)
            {
                return false;
            }
            (quotient, remainder) = ((long)wide.Quotient, (long)wide.Remainder);
        }
        if (roundToEven && (remainder > divisor - remainder || (remainder == divisor - remainder && (quotient & 1) == 1)))
        {
            quotient++;
        }
        result = negative ? -quotient : quotient;
        return true;
    }

    // Past 18 digits a long cannot hold them: decimal.Parse itself (28 digits, rounding beyond) gives the result.
    private static bool TryScaleAsDecimal(ReadOnlySpan<char> text, long scale, bool roundToEven, out long result)
    {
        result = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || Math.Abs(value) > decimal.MaxValue / scale)
        {
            return false;
        }
        var scaled = value * scale;
        if (roundToEven)
        {
            scaled = Math.Round(scaled);
        }
        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }
        result = (long)scaled;
        return true;
    }

    /// <summary>
    /// Whether the text is <c>-?\d+(\.\d+)?</c> in ASCII digits, and its digits as one integer: only the first 18 of
    /// them when there are more (<paramref name="digitCount"/> says how many; the callers then take another path).
    /// </summary>
    private static bool TryDigits(ReadOnlySpan<char> text, out bool negative, out long digits, out int fractionDigits, out int digitCount)
    {
        negative = text.Length > 0 && text[0] == '-';
        digits = 0;
        fractionDigits = 0;
        digitCount = 0;
        var point = -1;
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && point < 0 && digitCount > 0)
            {
                point = i;
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            if (++digitCount <= MaxFastDigits)
            {
                digits = digits * 10 + (c - '0');
            }
            if (point >= 0)
            {
                fractionDigits++;
            }
        }
        return digitCount > 0 && point != text.Length - 1;
    }
}
