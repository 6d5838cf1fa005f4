using System.Management.Automation;
using BpfTools.Commands;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Invoke-BpfTrace's reading of an admin's program output, on a real capture of every record kind.</summary>
public class BpfTraceOutputParserTests
{
    private const string Capture = "captured/bpftrace-program-kinds.json";
    private static readonly DateTime Now = new(2026, 11, 30, 20, 13, 55, DateTimeKind.Local);

    private static readonly string[] Named = ["ProcessId", "ProcessName", "Minus", "Text"];

    /// <summary>What Invoke-BpfTrace writes: the parser's records, rows named by its record stage.</summary>
    private static (List<object> Records, ParseStats Stats) Parse(string[] names, IEnumerable<string>? lines = null, string? delimiter = null)
    {
        var parser = new BpfTraceOutputParser(delimiter, "usecs", new FixedClock(Now, 0));
        var stage = new BpfTraceRowNames(names);
        return ([.. Fixtures.ParseAll(parser, lines ?? Fixtures.Lines(Capture)).SelectMany(stage.Take)], parser.Stats);
    }

    [Fact]
    public void Captured_output_is_read_whole()
    {
        var (records, stats) = Parse(Named);
        Assert.Equal(0, stats.Unparsed);
        // 6 tuples, 6 printf lines, 2 times, 2 x (1 map entry + 1 histogram) at the intervals, then at exit
        // 11 maps of 13 entries (@ak and @multi have 2 keys each) and 5 histograms.
        Assert.Equal(6 + 6 + 2 + 4 + 13 + 5, records.Count);
        Assert.Equal(records.Count, stats.Records);
    }

    [Fact]
    public void The_example_programs_captured_tuples_all_take_the_fast_path()
    {
        // The example program (print((pid, comm, str(args->filename)))): its event stream must not go
        // through JsonDocument, which is several times slower; the bench holds it to the event formats' target.
        var lines = Fixtures.Lines("captured/bpftrace-program-opens.json").Where(l => l.StartsWith("{\"type\": \"value\"")).ToList();
        Assert.Equal(3572, lines.Count);
        var elements = new TupleElement[2];
        Assert.All(lines, line => Assert.True(BpfTraceFastPath.TryRead(line, null, ref elements, new StringCache(), out _), line));
        var (records, stats) = Parse(["ProcessId", "ProcessName", "Path"], Fixtures.Lines("captured/bpftrace-program-opens.json"));
        Assert.Equal((0, 3572), (stats.Unparsed, records.Count));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": [-9223372036854775808,18446744073709551615,2.5,-1e3,0]}""")]
    [InlineData("""{"type": "value", "data": ["a \"quoted\" \u00e9 path\n",null,"",42]}""")]
    [InlineData("""{"type": "value", "data": [true,false,"x"]}""")]
    [InlineData("""{"type":"value","data":[1, "spaced"]}""")]
    public void Tuples_read_in_place_hold_what_the_JSON_reader_makes_of_them(string line)
    {
        var elements = new TupleElement[1];
        Assert.True(BpfTraceFastPath.TryRead(line, null, ref elements, new StringCache(), out var row));
        using var document = System.Text.Json.JsonDocument.Parse(line);
        var expected = document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var n) ? n : (object)e.GetDouble(),
            System.Text.Json.JsonValueKind.String => e.GetString(),
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => e.GetBoolean(),
            _ => null,
        }).ToArray();
        Assert.Equal(expected, row!.Values);
        Assert.Equal(expected.Select(v => v?.GetType()), row.Values.Select(v => v?.GetType()));
    }

    [Fact]
    public void Tuples_are_typed_and_named_with_the_rest_numbered()
    {
        var (records, _) = Parse(Named);
        var first = Assert.IsType<PSObject>(records[0]);
        Assert.Equal(31328L, Assert.IsType<long>(first.Properties["ProcessId"].Value));
        Assert.Equal("bt kinds mark", first.Properties["ProcessName"].Value);
        Assert.Equal(-1L, first.Properties["Minus"].Value);
        Assert.Equal("x,y", first.Properties["Text"].Value);
        Assert.Equal([3L, "in"], Assert.IsType<object[]>(first.Properties["Item5"].Value));
        Assert.Equal(["ProcessId", "ProcessName", "Minus", "Text", "Item5"], first.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Without_names_elements_are_Item1_on()
    {
        var (records, _) = Parse([]);
        Assert.Equal(["Item1", "Item2", "Item3", "Item4", "Item5"], ((PSObject)records[0]).Properties.Select(p => p.Name));
    }

    [Fact]
    public void Printf_and_time_lines_are_text_without_their_newline()
    {
        var (records, _) = Parse(Named);
        var texts = records.OfType<PSObject>().Where(o => o.Properties["Text"] is { } t && o.Properties.Count() == 1).Select(o => (string)o.Properties["Text"].Value).ToList();
        Assert.Equal(8, texts.Count);
        Assert.Equal("31328|bt kinds mark|with space", texts[0]);
        Assert.Equal("20:13:51", texts[6]);
    }

    [Fact]
    public void Printf_lines_split_by_a_delimiter_into_typed_fields()
    {
        var (records, _) = Parse(["Pid", "Name"], delimiter: "|");
        var split = records.OfType<PSObject>().First(o => o.Properties["Item3"]?.Value is string);
        Assert.Equal(31328L, split.Properties["Pid"].Value);
        Assert.Equal("bt kinds mark", split.Properties["Name"].Value);
        Assert.Equal("with space", split.Properties["Item3"].Value);
    }

    [Fact]
    public void Maps_are_one_entry_per_key_with_typed_keys_and_values()
    {
        var entries = Parse(Named).Records.OfType<BpfTraceMapEntry>().ToList();
        Assert.Equal(3, entries.Count(e => e.MapName == "@calls"));
        Assert.All(entries, e => Assert.Equal(Now, e.Timestamp));
        var ak = entries.Where(e => e.MapName == "@ak").ToList();
        Assert.Equal([31328L, 31338L], ak.Select(e => e.Key));
        Assert.Equal(2L, ak[0].Value);
        Assert.Null(Assert.Single(entries, e => e.MapName == "@avg").Key);
        Assert.Equal(10L, entries.Single(e => e.MapName == "@avg").Value);
        Assert.Equal(-30L, entries.Single(e => e.MapName == "@neg").Value);
        Assert.Equal(["bt kinds mark,31328", "bt kinds mark,31338"], entries.Where(e => e.MapName == "@multi").Select(e => e.Key));
        Assert.Equal([1L, "a b"], Assert.IsType<object[]>(entries.Single(e => e.MapName == "@t").Value));
    }

    [Fact]
    public void Stats_maps_carry_count_and_total_keyed_or_not()
    {
        var entries = Parse(Named).Records.OfType<BpfTraceMapEntry>().ToList();
        var st = Assert.Single(entries, e => e.MapName == "@st");
        Assert.Equal((null, 7L, 6L, 42L), (st.Key, st.Value, st.Count, st.Total));
        var sk = Assert.Single(entries, e => e.MapName == "@sk");
        Assert.Equal(("bt kinds mark", 4L, 6L, 24L), (sk.Key, sk.Value, sk.Count, sk.Total));
        Assert.Null(entries.Single(e => e.MapName == "@bytes").Count);
    }

    [Fact]
    public void Hist_and_lhist_maps_are_histograms_with_unit_key_and_window()
    {
        var histograms = Parse(Named).Records.OfType<BpfHistogram>().ToList();
        Assert.Equal(3, histograms.Count(h => h.KeyKind == "us"));
        var keyed = Assert.Single(histograms, h => h.KeyKind == "hk");
        Assert.Equal(("bpftrace", "bt kinds mark", "usecs", 6L), (keyed.Tool, keyed.Key, keyed.Unit, keyed.Count));
        Assert.Equal((16384L, 32767L), (keyed.Buckets[0].Low, keyed.Buckets[0].High));
        var over = Assert.Single(histograms, h => h.KeyKind == "out").Buckets.Single();
        Assert.Equal((100L, 100L, 6L), (over.Low, over.High, over.Count));
        var under = Assert.Single(histograms, h => h.KeyKind == "under").Buckets.Single();
        Assert.Equal((-1L, -1L), (under.Low, under.High));
        Assert.Equal(Now, keyed.End);
    }

    [Fact]
    public void A_histogram_window_starts_at_the_previous_print_of_its_map()
    {
        var clock = new SteppingClock(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Local));
        var parser = new BpfTraceOutputParser(null, "", clock);
        var records = new List<object>();
        string hist = """{"type": "hist", "data": {"@us": [{"min": 1, "max": 1, "count": 2}]}}""";
        foreach (var line in new[] { """{"type": "attached_probes", "data": {"probes": 2}}""", hist, hist })
        {
            parser.Parse(line, records);
        }
        var (a, b) = ((BpfHistogram)records[0], (BpfHistogram)records[1]);
        Assert.Equal((clock.Start.AddSeconds(1), clock.Start.AddSeconds(2)), (a.Start, a.End));
        Assert.Equal((a.End, clock.Start.AddSeconds(3)), (b.Start, b.End));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("""{"type": "value", "data": [1,2""")]
    [InlineData("""{"type": "hist", "data": {"@h": [{"count": 1}]}}""")]
    [InlineData("""{"type": "map", "data": 5}""")]
    [InlineData("""{"type": "mystery", "data": 1}""")]
    [InlineData("""{"data": 1}""")]
    [InlineData("""[1, 2]""")]
    public void A_bad_line_is_counted_never_thrown_and_adds_nothing(string line)
    {
        var (records, stats) = Parse(Named, [line]);
        Assert.Empty(records);
        Assert.Equal(1, stats.Unparsed);
    }

    [Fact]
    public void Notices_start_count_and_separate()
    {
        var parser = new BpfTraceOutputParser(null, "", new FixedClock(Now, 0));
        var records = new List<object>();
        Assert.Equal(LineKind.Ready, parser.Parse("""{"type": "attached_probes", "data": {"probes": 1}}""", records));
        Assert.Equal(LineKind.Lost, parser.Parse("""{"type": "lost_events", "data": {"events": 12}}""", records));
        Assert.Equal(LineKind.Ignored, parser.Parse("", records));
        Assert.Equal(12, parser.Stats.LostEvents);
        Assert.Empty(records);
    }

    [Fact]
    public void A_single_value_and_a_multi_line_printf()
    {
        var (records, _) = Parse(Named, ["""{"type": "value", "data": 18446744073709551615}""", """{"type": "printf", "data": "a\nb"}"""]);
        Assert.Equal(18446744073709551615.0, ((PSObject)records[0]).Properties["ProcessId"].Value);
        Assert.Equal(["a", "b"], records.Skip(1).Select(r => ((PSObject)r).Properties["Text"].Value));
    }

    [Theory]
    [InlineData("""{"type": "value", "data": [1,"a",true,null,-2]}""")]
    [InlineData("""{"type":"value","data":[1,"a",true,null,-2]}""")]
    [InlineData("""{"type": "value", "data": [1,"a",true,null,-2,[3]]}""")]
    public void The_fast_and_the_document_paths_read_alike(string line)
    {
        var (records, stats) = Parse([], [line]);
        var row = Assert.IsType<PSObject>(Assert.Single(records));
        Assert.Equal([1L, "a", true, null, -2L], row.Properties.Take(5).Select(p => p.Value));
        Assert.Equal(0, stats.Unparsed);
    }

    [Theory]
    [InlineData("""{"type": "value", "data": [1,2]} trailing""")]
    [InlineData("""{"type": "value", "data": [1,2]""")]
    [InlineData("""{"type": "printf", "data": 5}""")]
    public void A_line_the_fast_path_refuses_is_still_counted_when_bad(string line) =>
        Assert.Equal(1, Parse([], [line]).Stats.Unparsed);

    /// <summary>A clock a second later at each reading.</summary>
    private sealed class SteppingClock(DateTime start) : TraceClock
    {
        private int _readings;

        public DateTime Start => start;

        public override DateTime Now => start.AddSeconds(_readings++);
    }
}
