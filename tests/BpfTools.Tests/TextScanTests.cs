using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

public class TextScanTests
{
    [Theory]
    // An integer column between padding: the next column starts past the padding after it.
    [InlineData("x  42   y", 1, true, 3, 5, 8)]
    [InlineData("x -42 y", 1, true, 2, 5, 6)]
    [InlineData("x 1234567 y", 1, false, 2, 9, 10)]
    // No padding before, none after (a cut line), a sign not allowed, no digits, past the end.
    [InlineData("x42 y", 1, false, 0, 0, -1)]
    [InlineData("x 42", 1, false, 0, 0, -1)]
    [InlineData("x -42 y", 1, false, 0, 0, -1)]
    [InlineData("x  y", 1, false, 0, 0, -1)]
    [InlineData("x", 1, false, 0, 0, -1)]
    public void PaddedInteger_reads_a_column_and_the_padding_around_it(string line, int at, bool signed, int start, int end, int next)
    {
        Assert.Equal(next, TextScan.PaddedInteger(line, at, signed, out var integer));
        Assert.Equal(next < 0 ? default : new Column(start, end), integer);
    }

    [Theory]
    // Read from the right: trailing spaces skipped, the token ends where they start.
    [InlineData("ab  cd  ", 8, true, 4, 6)]
    [InlineData("ab  cd", 4, true, 0, 2)]
    [InlineData("cd", 2, true, 0, 2)]
    [InlineData("   ", 3, false, 0, 0)]
    [InlineData("", 0, false, 0, 0)]
    public void TryTokenBefore_finds_the_last_token_before_an_end(string line, int end, bool found, int start, int stop)
    {
        Assert.Equal(found, TextScan.TryTokenBefore(line, end, out var token));
        if (found)
        {
            Assert.Equal(new Column(start, stop), token);
        }
    }

    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("65535", true, 65535)]
    [InlineData("65536", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("8o", false, 0)]
    [InlineData("", false, 0)]
    public void TryPort_takes_0_to_65535_in_ASCII_digits(string text, bool ok, int port)
    {
        Assert.Equal(ok, TextScan.TryPort(text, out var read));
        if (ok)
        {
            Assert.Equal(port, read);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("65535")]
    [InlineData("000000042")]
    [InlineData("999999999")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("0000000000042")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("12a")]
    [InlineData("\u0661\u0662")]
    [InlineData("80\0")]
    [InlineData("8\00")]
    public void TryUnsigned_reads_as_int_TryParse_with_no_styles(string text)
    {
        var expected = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value);
        Assert.Equal((expected, value), (TextScan.TryUnsigned(text, out var actual), actual));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("999999999")]
    [InlineData("1000000000")]
    [InlineData("4294967296")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("12a")]
    [InlineData("\u0661\u0662")]
    [InlineData("80\0")]
    public void TryUnsignedLong_reads_as_long_TryParse_with_no_styles(string text)
    {
        var expected = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value);
        Assert.Equal((expected, value), (TextScan.TryUnsignedLong(text, out var actual), actual));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-2")]
    [InlineData("17")]
    [InlineData("+17")]
    [InlineData("-999999999")]
    [InlineData("-2147483648")]
    [InlineData("-2147483649")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("-+1")]
    [InlineData(" -1")]
    [InlineData("-1 ")]
    [InlineData("-\u0661")]
    [InlineData("-8\0")]
    public void TrySigned_reads_as_int_TryParse_with_a_leading_sign(string text)
    {
        var expected = int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value);
        Assert.Equal((expected, value), (TextScan.TrySigned(text, out var actual), actual));
    }

    [Theory]
    [InlineData("ffff88810a5d09c0")]
    [InlineData("FFFF88810A5D09C0")]
    [InlineData("0")]
    [InlineData("00000000000000000000ffff88810a5d09c0")]
    [InlineData("ffffffffffffffff")]
    [InlineData("10000000000000000")]
    [InlineData("")]
    [InlineData("0x1f")]
    [InlineData("fg")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("\uff10")]
    [InlineData("ff\0")]
    [InlineData("0000000000000000ffff")]
    public void TryHex_reads_as_ulong_TryParse_with_the_hex_specifier(string text)
    {
        var expected = ulong.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value);
        Assert.Equal((expected, value), (TextScan.TryHex(text, out var actual), actual));
    }

    [Fact]
    public void Spaces_and_TryTokenBefore_skip_padding_of_every_length_as_one_character_at_a_time_would()
    {
        // Runs of 0 to 9 spaces around short tokens: the four-at-a-time skip must stop exactly where one at a time does.
        var random = new Random(16);
        for (var n = 0; n < 2000; n++)
        {
            var line = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => new string(' ', random.Next(0, 10)) + new string('x', random.Next(0, 3))));
            for (var i = 0; i <= line.Length; i++)
            {
                var expected = i;
                while (expected < line.Length && line[expected] == ' ')
                {
                    expected++;
                }
                Assert.Equal(expected, TextScan.Spaces(line, i));

                var stop = i;
                while (stop > 0 && line[stop - 1] == ' ')
                {
                    stop--;
                }
                var start = stop;
                while (start > 0 && line[start - 1] != ' ')
                {
                    start--;
                }
                Assert.Equal(stop > start, TextScan.TryTokenBefore(line, i, out var token));
                Assert.Equal(new Column(start, stop), token);
            }
        }
    }
}
