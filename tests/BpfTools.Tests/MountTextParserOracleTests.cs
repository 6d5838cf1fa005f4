using System.Text;
using System.Text.RegularExpressions;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// The span reader of <see cref="MountTextParser"/> against the regular expressions it replaced (kept here as
/// <see cref="RegexMountParser"/>): the same records and the same unparsable count, line by line, over the captures,
/// every truncation of their lines and lines built to hit the expressions' backtracking.
/// </summary>
public class MountTextParserOracleTests
{
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 1, 19, 600, DateTimeKind.Local);

    private const string Head = "mount            9       9       1           ";

    public static TheoryData<string> NastyLines => new()
    {
        Head + "mount(\"a\", \"b\", \"\", 0x0, \"\") = 0\n",
        Head + "mount(\"a\", \"b\"\n, \"\", 0x0, \"\") = 0",
        Head + "mount(\"a\", \"\", \"\", \"\", 0x0, \"\") = 0",
        Head + "mount(\"\", \"\", \"\", 0x0, \"\") = 0",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"d\") = 0\") = -EIO",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"d\", \"e\", \"f\", A | B, \"g\") = 0",
        Head + "mount(\"a\", \"b\", \"c\", A | , \"d\") = 0",
        Head + "mount(\"a\", \"b\", \"c\", A |B, \"d\") = 0",
        Head + "mount(\"a\", \"b\", \"c\", Aé_9 | ƀ, \"d\") = 0",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \") = 0",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"\") = -E",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"\") = -Eio",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"\") = ٣",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"\") = 99999999999",
        Head + "mount(\"a\", \"b\", \"c\", 0x0, \"\") =  0",
        Head + "umount(\"a\", \"b\", 0x0, MS_X) = 0",
        Head + "umount(\"a\", MS_X | MS_Y) = -EBUSY",
        Head + "umount(\"\", 0x0) = 0",
        Head + "umount(\", 0x0) = 0",
        Head + "umount(\"a\", 0x0)) = 0",
        "15:01:19    lead spaced      1       2       3           umount(\"/\", 0x0) = 0",
        "15:01:19 ٣ name        1       2       3           umount(\"/\", 0x0) = 0",
        "15:01:19x               1       2       3           umount(\"/\", 0x0) = 0",
        "99:01:19 mount            1       2       3           umount(\"/\", 0x0) = 0",
        "m                ٣       2       3           umount(\"/\", 0x0) = 0",
        "m                1       2       99999999999999999999 umount(\"/\", 0x0) = 0",
        "a name wider than 16 1       2       3           umount(\"/\", 0x0) = 0",
        "m                1       2       3           mount(",
        "",
        "\"",
    };

    [Theory]
    [MemberData(nameof(NastyLines))]
    public void Nasty_lines_read_as_the_expressions_read_them(string line) => AssertSame([line]);

    [Theory]
    [InlineData("captured/mountsnoop-libbpf.txt")]
    [InlineData("captured/mountsnoop-libbpf-t.txt")]
    [InlineData("captured/mountsnoop-libbpf-flags.txt")]
    public void Captures_and_every_truncation_of_their_lines_read_the_same(string fixture)
    {
        var lines = Fixtures.Lines(fixture).ToList();
        AssertSame(lines.Concat(lines.SelectMany(l => Enumerable.Range(0, l.Length).Select(n => l[..n]))));
    }

    [Fact]
    public void Word_characters_are_the_expressions_word_characters()
    {
        var word = new Regex(@"\A\w\z", RegexOptions.CultureInvariant);
        var differ = Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => MountCallText.IsWordChar(c) != word.IsMatch(c.ToString())).Select(c => ((int)c).ToString("X4"));
        Assert.Empty(differ);
    }

    private static void AssertSame(IEnumerable<string> lines)
    {
        var parser = new MountTextParser(new FixedClock(ReadAt, 0));
        var oracle = new RegexMountParser(new FixedClock(ReadAt, 0));
        foreach (var line in lines)
        {
            var (got, want) = (new List<MountEvent>(), new List<MountEvent>());
            Assert.Equal(oracle.Parse(line, want), parser.Parse(line, got));
            Assert.Equal(want.Select(Fields), got.Select(Fields));
            Assert.Equal((oracle.Stats.Records, oracle.Stats.Unparsed), (parser.Stats.Records, parser.Stats.Unparsed));
        }
    }

    private static string Fields(MountEvent e) => new StringBuilder()
        .AppendJoin('|', e.Timestamp.ToString("O"), e.ProcessName, e.ProcessId, e.ThreadId, e.MountNamespace, e.Call, e.Source,
            e.Target, e.FileSystemType, e.Flags, e.Data, e.Result, e.Error ?? "null").ToString();
}
