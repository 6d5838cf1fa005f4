using System.Text.Json;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// The in-place reader of bpftrace's JSON tuples (BpftraceJsonFastPath, JsonTupleScanner, BpftraceTuple): values as
/// JsonDocument reads them, and every line it does not vouch for left to JsonDocument.
/// </summary>
public class BpftraceTupleTests
{
    private static string Line(string data) => $$"""{"type": "value", "data": {{data}}}""";

    /// <summary>Reads a line's tuple with the fast path and hands each element to <paramref name="read"/>.</summary>
    private static T ReadFast<T>(string line, Func<BpftraceTuple, T> read)
    {
        var elements = new TupleElement[2];
        Assert.Equal(FastRecord.Tuple, BpftraceJsonFastPath.Read(line, ref elements, out var tuple, out _));
        return read(tuple);
    }

    private static FastRecord Recognise(string line)
    {
        var elements = new TupleElement[16];
        return BpftraceJsonFastPath.Read(line, ref elements, out _, out _);
    }

    /// <summary>Keeps each tuple's elements as strings, to see what the parser handed to ReadTuple.</summary>
    private sealed class StringsParser : BpftraceTupleParser<string[]>
    {
        public override void Flush(List<string[]> output)
        {
        }

        protected override LineKind ReadTuple(BpftraceTuple tuple, List<string[]> output)
        {
            var values = new string[tuple.Count];
            for (var i = 0; i < tuple.Count; i++)
            {
                if (tuple.Is(i, "int"))
                {
                    values[i] = tuple.Int64(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    values[++i] = "";
                }
                else if (tuple.Is(i, "any"))
                {
                    // Whatever the next element is, skip it.
                    values[i] = values[++i] = "";
                }
                else
                {
                    values[i] = tuple.String(i);
                }
            }
            output.Add(values);
            return LineKind.Record;
        }
    }

    [Theory]
    [InlineData("""plain""", "plain")]
    [InlineData("""q\"uote""", "q\"uote")]
    [InlineData("""back\\slash""", "back\\slash")]
    [InlineData("""sl\/ash""", "sl/ash")]
    [InlineData("""\b\f\n\r\t""", "\b\f\n\r\t")]
    [InlineData("""line1\nline2""", "line1\nline2")]
    [InlineData("""\u0041\u00e9\u001f""", "A\u00e9\u001f")]
    [InlineData("""\u00E9""", "\u00e9")]
    [InlineData("""smile \ud83d\ude00!""", "smile \U0001F600!")]
    [InlineData("""raw é ✓ 😀""", "raw é ✓ 😀")]
    [InlineData("", "")]
    public void Strings_are_unescaped_as_JsonDocument_does(string raw, string expected)
    {
        var line = Line($"[\"s\",\"{raw}\"]");
        Assert.Equal(expected, ReadFast(line, t => t.String(1)));
        using var document = JsonDocument.Parse(line);
        Assert.Equal(document.RootElement.GetProperty("data")[1].GetString(), expected);
    }

    [Fact]
    public void A_long_escaped_string_is_unescaped_whole()
    {
        var value = string.Concat(Enumerable.Repeat("a\"b\\c\n", 300));
        var line = Line($"[{JsonSerializer.Serialize(value)}]");
        Assert.Equal(value, ReadFast(line, t => t.String(0)));
    }

    [Theory]
    [InlineData("""\ud83d""")]
    [InlineData("""\ude00""")]
    [InlineData("""\ud83dx""")]
    [InlineData("""\ud83d\n""")]
    [InlineData("""\ud83d\ud83d""")]
    [InlineData("""\ude00\ud83d""")]
    public void A_lone_surrogate_escape_is_not_a_string(string raw)
    {
        Assert.Throws<FormatException>(() => ReadFast(Line($"[\"{raw}\"]"), t => t.String(0)));
        var parser = new StringsParser();
        Assert.Equal(LineKind.Unparsable, parser.Parse(Line($"[\"{raw}\"]"), []));
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void Tags_compare_ordinally_even_when_escaped()
    {
        Assert.True(ReadFast(Line("""["open",1]"""), t => t.Is(0, "open")));
        Assert.False(ReadFast(Line("""["Open",1]"""), t => t.Is(0, "open")));
        Assert.False(ReadFast(Line("""["opened",1]"""), t => t.Is(0, "open")));
        Assert.False(ReadFast(Line("""["ope",1]"""), t => t.Is(0, "open")));
        Assert.True(ReadFast(Line("""["op\u0065n",1]"""), t => t.Is(0, "open")));
        Assert.False(ReadFast(Line("""[1,1]"""), t => t.Is(0, "1")));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("-13", -13L)]
    [InlineData("5969830263160", 5969830263160L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_read_exactly(string json, long expected)
    {
        Assert.Equal(expected, ReadFast(Line($"[{json}]"), t => t.Int64(0)));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("18446744073709551615")]
    [InlineData("-9223372036854775809")]
    [InlineData("123456789012345678901234")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("1.0")]
    [InlineData("\"12\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void What_is_not_a_64_bit_integer_throws_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => ReadFast(Line($"[{json}]"), t => t.Int64(0)));
        // JsonElement refused the same values.
        using var document = JsonDocument.Parse(Line($"[{json}]"));
        var element = document.RootElement.GetProperty("data")[0];
        Assert.False(element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _));
    }

    [Fact]
    public void Narrow_integers_are_range_checked()
    {
        Assert.Equal(int.MinValue, ReadFast(Line("[-2147483648]"), t => t.Int32(0)));
        Assert.Throws<FormatException>(() => ReadFast(Line("[2147483648]"), t => t.Int32(0)));
        Assert.Equal((ushort)65535, ReadFast(Line("[65535]"), t => t.UInt16(0)));
        Assert.Throws<FormatException>(() => ReadFast(Line("[65536]"), t => t.UInt16(0)));
        Assert.Throws<FormatException>(() => ReadFast(Line("[-1]"), t => t.UInt16(0)));
    }

    [Fact]
    public void Elements_read_by_kind_and_past_the_end_throw()
    {
        Assert.Throws<FormatException>(() => ReadFast(Line("""[1]"""), t => t.String(0)));
        Assert.Throws<IndexOutOfRangeException>(() => ReadFast(Line("""["a"]"""), t => t.String(1)));
        Assert.Equal("", ReadFast(Line("""[null]"""), t => t.String(0)));
    }

    [Fact]
    public void A_tuple_longer_than_the_element_buffer_is_read_whole()
    {
        var values = Enumerable.Range(0, 100).ToArray();
        var line = Line($"[{string.Join(',', values)}]");
        Assert.Equal(values, ReadFast(line, t =>
        {
            var read = new int[t.Count];
            for (var i = 0; i < read.Length; i++)
            {
                read[i] = t.Int32(i);
            }
            return read;
        }));
    }

    [Theory]
    [InlineData("""{ "type" : "value" , "data" : [ "a" , 1 ] } """)]
    [InlineData("{\"type\":\"value\",\"data\":[\"a\",1]}")]
    [InlineData("{\"type\":\t\"value\",\r\n\"data\": [\"a\",\n1]}")]
    public void Any_JSON_whitespace_is_read_in_place(string line)
    {
        Assert.Equal(("a", 1L), ReadFast(line, t => (t.String(0), t.Int64(1))));
    }

    [Theory]
    // Other record types and shapes: JsonDocument's job.
    [InlineData("""{"type": "hist", "data": {"@": [{"min": 0, "max": 1, "count": 2}]}}""")]
    [InlineData("""{"type": "map", "data": {"@": {"a": 1}}}""")]
    [InlineData("""{"data": ["a",1], "type": "value"}""")]
    [InlineData("""{"type": "value", "data": ["a",[1,2]]}""")]
    [InlineData("""{"type": "value", "data": ["a",{"b":1}]}""")]
    [InlineData("""{"type": "value", "data": []}""")]
    [InlineData("""{"type": "value", "data": 5}""")]
    [InlineData("""{"type": "value", "data": ["a"], "extra": 1}""")]
    [InlineData("""{"type": "lost_events", "data": {"events": -1}}""")]
    [InlineData("""{"type": "lost_events", "data": {"events": 1.5}}""")]
    [InlineData("""{"type": "attached_probes", "data": {"probes": 1, "more": 2}}""")]
    // Not JSON: the fast path must not accept what JsonDocument refuses.
    [InlineData("""{"type": "value", "data": [01]}""")]
    [InlineData("""{"type": "value", "data": [-]}""")]
    [InlineData("""{"type": "value", "data": [1.]}""")]
    [InlineData("""{"type": "value", "data": [1e]}""")]
    [InlineData("""{"type": "value", "data": [+1]}""")]
    [InlineData("""{"type": "value", "data": ["a",]}""")]
    [InlineData("""{"type": "value", "data": [1 2]}""")]
    [InlineData("""{"type": "value", "data": ["a\x"]}""")]
    [InlineData("""{"type": "value", "data": ["a\u12"]}""")]
    [InlineData("""{"type": "value", "data": ["a	tab"]}""")]
    [InlineData("""{"type": "value", "data": [nul]}""")]
    [InlineData("""{"type": "value", "data": ["a"]}}""")]
    [InlineData("""{"type": "value", "data": ["a"]} x""")]
    [InlineData("""{"type": "value", "data": ['a']}""")]
    public void Lines_the_fast_path_does_not_vouch_for_are_left_to_JsonDocument(string line)
    {
        Assert.Equal(FastRecord.NotRecognised, Recognise(line));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": [01]}""")]
    [InlineData("""{"type": "value", "data": ["a",]}""")]
    [InlineData("""{"type": "value", "data": ["a\x"]}""")]
    [InlineData("""{"type": "value", "data": ["a	tab"]}""")]
    [InlineData("""{"type": "value", "data": []}""")]
    [InlineData("""{"type": "value", "data": ["a"]} x""")]
    [InlineData("""{"type": "nonsense", "data": ["a"]}""")]
    [InlineData("not json at all")]
    public void Malformed_lines_are_counted_unparsable_not_thrown(string line)
    {
        var parser = new StringsParser();
        var output = new List<string[]>();
        Assert.Equal(LineKind.Unparsable, parser.Parse(line, output));
        Assert.Equal(1, parser.Stats.Unparsed);
        Assert.Equal([line], parser.Stats.UnparsedSamples);
        Assert.Empty(output);
    }

    [Fact]
    public void Every_truncation_of_a_line_is_unparsable()
    {
        var line = Line("""["arg",4539,-2,"q\"uote \u00e9 \ud83d\ude00",1.5e3,null,true]""");
        for (var length = 1; length < line.Length; length++)
        {
            var parser = new StringsParser();
            Assert.Equal(LineKind.Unparsable, parser.Parse(line[..length], []));
        }
        Assert.Equal(LineKind.Ignored, new StringsParser().Parse("", []));
    }

    [Fact]
    public void Tuples_JsonDocument_reads_reach_ReadTuple_the_same()
    {
        var parser = new StringsParser();
        var output = new List<string[]>();
        Assert.Equal(LineKind.Record, parser.Parse("""{"data": ["a\n", "int", -5], "type": "value"}""", output));
        Assert.Equal(LineKind.Record, parser.Parse("""{"type": "value", "data": ["b", "any", [1, "]", {"c": "}"}], "d"]}""", output));
        Assert.Equal(["a\n", "-5", ""], output[0]);
        Assert.Equal(["b", "", "", "d"], output[1]);
        // A nested value is not a string.
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "value", "data": [[1]]}""", output));
        Assert.Equal(2, parser.Stats.Records);
        Assert.Equal(1, parser.Stats.Unparsed);
    }

    [Fact]
    public void Notices_are_read_in_place_and_through_JsonDocument_alike()
    {
        var parser = new StringsParser();
        var output = new List<string[]>();
        Assert.Equal(LineKind.Ready, parser.Parse("""{"type": "attached_probes", "data": {"probes": 5}}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 42}}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"data": {"events": 8}, "type": "lost_events"}""", output));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 0}}""", output));
        Assert.Equal(50, parser.Stats.LostEvents);
        Assert.Equal(FastRecord.AttachedProbes, Recognise("""{"type": "attached_probes", "data": {"probes": 5}}"""));
        Assert.Equal(FastRecord.LostEvents, Recognise("""{"type": "lost_events", "data": {"events": 42}}"""));
    }

    [Fact]
    public void A_hist_bucket_without_bounds_is_unparsable_not_thrown()
    {
        var parser = new BpftraceHistogramParser("biolatency", new FixedClock(DateTime.Now, 0));
        var output = new List<BpfHistogram>();
        Assert.Equal(LineKind.Unparsable, parser.Parse("""{"type": "hist", "data": {"@all": [{"count": 2}]}}""", output));
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}
