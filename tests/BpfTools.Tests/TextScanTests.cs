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
}
