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
}
