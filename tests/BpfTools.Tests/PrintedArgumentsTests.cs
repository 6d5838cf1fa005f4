using System.Collections;
using System.Management.Automation;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// execsnoop's arguments are kept as printed and decoded when first read (PrintedArguments): whatever reads them,
/// and whenever, must see what decoding them on the spot (as the parser used to) gives.
/// </summary>
public class PrintedArgumentsTests
{
    private const string Header = "TIME(s)  UID    PCOMM            PID    PPID   RET ARGS";
    private const string Prefix = "1.000   0     echo             10     1        0 ";
    private static readonly DateTime Start = new(2026, 11, 23, 22, 1, 14, DateTimeKind.Local);

    // Argument columns as the tools print them, and the nasty cases QuotedArguments knows of.
    public static TheoryData<string> Columns => new()
    {
        "\"/bin/true\" ",
        "\"/bin/echo\" \"arg with spaces\" \"line1\\nline2\" \"q\\\"uote\" \"tab\\there\" \"back\\slash\" \"\" ",
        "\"/bin/true\" \"1\" \"2\" \" ...",
        "\"/bin/echo\" \"cut mid-argu",
        "\"/bin/echo\" \"ends in a backslash\\",
        "\"/bin/echo\" \"escaped quote at the end\\\"",
        "\"/bin/echo\" junk after",
        "\"/bin/echo\" ...",
        "\"/bin/echo\"  \"two spaces\" ",
        "\" ...",
        "/bin/ls -l  /tmp",
        "/bin/ls -l ...",
        "/bin/ls",
        "   ",
        "",
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Scan_finds_what_decoding_finds(string column)
    {
        var args = new List<string>();
        Assert.Equal(QuotedArguments.Decode(column, args, new StringCache()), QuotedArguments.Scan(column));
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Deferred_arguments_equal_eager_ones_however_they_are_read(string column)
    {
        var eager = Eager(column, out var outcome);
        if (outcome == QuotedArguments.Outcome.OpenQuote)
        {
            // Held for the next line; at the end of the output the row is kept, marked truncated.
            Assert.Null(ParseRow(Prefix + column, flush: false));
        }
        var e = ParseRow(Prefix + column, flush: true)!;
        Assert.Equal(outcome != QuotedArguments.Outcome.Complete, e.Truncated);
        AssertSame(eager, e.Arguments);
    }

    [Fact]
    public void Every_captured_row_reads_as_its_eager_decoding()
    {
        var lines = Fixtures.Lines("captured/execsnoop-libbpf-xtUq.txt");
        var events = Fixtures.ParseAll(new ExecTextParser(new FixedClock(Start, 0)), lines);
        var rows = lines.Where(l => ExecRow.TryMatch(l, hasUid: true, out _)).ToList();
        Assert.Equal(rows.Count, events.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            ExecRow.TryMatch(rows[i], hasUid: true, out var row);
            var eager = Eager(rows[i][row.Arguments.Start..], out var outcome);
            Assert.Equal(outcome == QuotedArguments.Outcome.Truncated, events[i].Truncated);
            AssertSame(eager, events[i].Arguments);
        }
    }

    [Fact]
    public void Serialized_records_carry_the_arguments_whether_or_not_they_were_read()
    {
        var column = "\"/bin/echo\" \"arg with spaces\" \"line1\\nline2\" \"\" ";
        var expected = Eager(column, out _);
        var unread = ParseRow(Prefix + column, flush: true)!;
        var read = ParseRow(Prefix + column, flush: true)!;
        Assert.Equal(4, read.Arguments.Count);

        foreach (var e in new[] { unread, read })
        {
            var copy = PSObject.AsPSObject(PSSerializer.Deserialize(PSSerializer.Serialize(e)));
            var arguments = (IEnumerable)PSObject.AsPSObject(copy.Properties["Arguments"].Value).BaseObject;
            Assert.Equal(expected, arguments.Cast<object>().Select(a => a.ToString()));
            Assert.Equal(string.Join(' ', expected), copy.Properties["CommandLine"].Value);
        }
        // Serializing read them: the record still answers the same afterwards.
        AssertSame(expected, unread.Arguments);
    }

    [Fact]
    public void Threads_reading_at_once_all_see_the_same_arguments()
    {
        var column = string.Concat(Enumerable.Range(0, 60).Select(i => $"\"arg {i}\" "));
        var expected = Eager(column, out _);
        for (var round = 0; round < 20; round++)
        {
            var e = ParseRow(Prefix + column, flush: true)!;
            var seen = new string[8][];
            Parallel.For(0, seen.Length, t => seen[t] = [.. e.Arguments]);
            Assert.All(seen, s => Assert.Equal(expected, s));
        }
    }

    [Fact]
    public void Deferred_arguments_are_read_only()
    {
        var e = ParseRow(Prefix + "\"/bin/true\" ", flush: true)!;
        Assert.Throws<NotSupportedException>(() => ((IList<string>)e.Arguments).Add("x"));
        Assert.Throws<NotSupportedException>(() => ((IList)e.Arguments)[0] = "x");
        Assert.Equal(["/bin/true"], e.Arguments);
    }

    /// <summary>Every way a record's arguments are read (the first read decodes them) against the eager list.</summary>
    private static void AssertSame(List<string> eager, CommandArguments deferred)
    {
        CommandArguments asRecordHadIt = [.. eager];
        Assert.Equal(asRecordHadIt.ToString(), deferred.ToString());
        Assert.Equal(eager.Count, deferred.Count);
        Assert.Equal(eager, deferred);
        for (var i = 0; i < eager.Count; i++)
        {
            Assert.Equal(eager[i], deferred[i]);
            Assert.Equal(eager.IndexOf(eager[i]), deferred.IndexOf(eager[i]));
            Assert.Contains(eager[i], deferred);
        }
        var copy = new string[eager.Count];
        deferred.CopyTo(copy, 0);
        Assert.Equal(eager, copy);
        Assert.Equal(string.Join(' ', eager), new ExecEvent { Arguments = deferred }.CommandLine);
    }

    private static List<string> Eager(string column, out QuotedArguments.Outcome outcome)
    {
        var args = new List<string>();
        outcome = QuotedArguments.Decode(column, args, new StringCache());
        return args;
    }

    /// <summary>The record of one row after the header; with <paramref name="flush"/>, as at the end of the output.</summary>
    private static ExecEvent? ParseRow(string line, bool flush)
    {
        var parser = new ExecTextParser(new FixedClock(Start, 0));
        var output = new List<ExecEvent>();
        parser.Parse(Header, output);
        parser.Parse(line, output);
        if (flush)
        {
            parser.Flush(output);
        }
        return output.SingleOrDefault();
    }
}
