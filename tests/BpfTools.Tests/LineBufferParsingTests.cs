using System.Text.Json;
using BpfTools.Catalog;
using BpfTools.Parsers;
using Xunit;
using static BpfTools.Records.BackendKind;

namespace BpfTools.Tests;

/// <summary>
/// The runner hands bpftrace's parsers each line in its reused buffer (LineReader): they must read it as they read a
/// string and keep nothing of it. Each captured output is parsed both ways, the buffer scribbled over after every
/// line, and the records must be the same.
/// </summary>
public class LineBufferParsingTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Local);

    public static TheoryData<string> BpftraceOutputs() =>
    [
        "opensnoop", "execsnoop", "exitsnoop", "sigsnoop", "oomkill", "biosnoop", "tcplife", "tcpstates", "tcpconnect",
        "runqslower", "tcpretrans", "profile", "biolatency", "runqlat", "syscount", "biopattern", "offcputime",
    ];

    [Theory]
    [MemberData(nameof(BpftraceOutputs))]
    public void A_bpftrace_parser_reads_the_reused_line_buffer_as_it_reads_strings(string tool)
    {
        var (fromStrings, stringStats) = Parse(tool, (parser, line, records) => parser.Parse(line, records));
        var buffer = new char[16];
        var (fromBuffer, bufferStats) = Parse(tool, (parser, line, records) =>
        {
            if (buffer.Length < line.Length)
            {
                buffer = new char[line.Length];
            }
            line.CopyTo(buffer);
            var kind = parser.Parse(buffer.AsSpan(0, line.Length), records);
            // Whatever a record kept of the buffer would now read as x's.
            buffer.AsSpan().Fill('x');
            return kind;
        });

        Assert.NotEmpty(fromStrings);
        Assert.Equal(fromStrings, fromBuffer);
        Assert.Equal((stringStats.Records, stringStats.Unparsed), (bufferStats.Records, bufferStats.Unparsed));
    }

    [Fact]
    public void A_broken_tuple_read_from_the_buffer_is_counted_and_sampled_whole()
    {
        var parser = ToolCatalog.TcpStateChange.Backends.Single(b => b.Kind == Bpftrace).CreateParser(new FixedClock(Now, 0));
        const string Broken = "{\"type\": \"value\", \"data\": [\"tcpstate\",1,2]}";
        var records = new List<Records.TcpStateChangeEvent>();
        Assert.Equal(LineKind.Unparsable, parser.Parse(Broken.AsSpan(), records));
        Assert.Empty(records);
        Assert.Equal(1, parser.Stats.Unparsed);
        Assert.Contains(Broken, parser.Stats.UnparsedSamples);
    }

    private static (List<string> Records, ParseStats Stats) Parse(string tool, Func<IRecordParser<object>, string, List<object>, LineKind> parse)
    {
        var parser = Create(tool);
        var records = new List<object>();
        foreach (var line in Fixtures.Lines(FixtureOf(tool)))
        {
            parse(parser, line, records);
        }
        parser.Flush(records);
        return ([.. records.Select(r => r.GetType().Name + JsonSerializer.Serialize(r, r.GetType()))], parser.Stats);
    }

    private static string FixtureOf(string tool) => tool switch
    {
        "exitsnoop" => "captured/exitsnoop-bpftrace-T.json",
        "sigsnoop" => "captured/sigsnoop-bpftrace-k.json",
        "biosnoop" => "captured/biosnoop-bpftrace-Q.json",
        "tcpconnect" => "captured/tcpconnect-bpftrace-both.json",
        "runqslower" => "captured/runqslower-bpftrace-1000.json",
        "profile" => "captured/profile-bpftrace-both.json",
        "biolatency" => "captured/biolatency-bpftrace-perdisk-interval.json",
        "runqlat" => "captured/runqlat-bpftrace-perthread.json",
        "syscount" => "captured/syscount-bpftrace-L-i1.json",
        "biopattern" => "captured/biopattern-bpftrace-i1.json",
        _ => $"captured/{tool}-bpftrace.json",
    };

    private static IRecordParser<object> Create(string tool)
    {
        var clock = new FixedClock(Now, 50_000_000_000_000);
        return tool switch
        {
            "opensnoop" => Untyped.Of(ToolCatalog.Open.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "execsnoop" => Untyped.Of(ToolCatalog.Exec.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "exitsnoop" => Untyped.Of(ToolCatalog.ProcessExit.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "sigsnoop" => Untyped.Of(ToolCatalog.Kill.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "oomkill" => Untyped.Of(ToolCatalog.OomKill.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "biosnoop" => Untyped.Of(ToolCatalog.DiskIo.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "tcplife" => Untyped.Of(ToolCatalog.TcpSession.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "tcpstates" => Untyped.Of(ToolCatalog.TcpStateChange.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "tcpconnect" => Untyped.Of(ToolCatalog.TcpConnect.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "runqslower" => Untyped.Of(ToolCatalog.RunQueueDelay.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "tcpretrans" => Untyped.Of(ToolCatalog.TcpRetransmit.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "profile" => Untyped.Of(ToolCatalog.CpuProfile.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "biolatency" => Untyped.Of(ToolCatalog.DiskLatency.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "runqlat" => Untyped.Of(ToolCatalog.RunQueueLatency.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "syscount" => Untyped.Of(ToolCatalog.Syscall.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "biopattern" => Untyped.Of(ToolCatalog.DiskPattern.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            "offcputime" => Untyped.Of(ToolCatalog.OffCpuTime.Backends.Single(b => b.Kind == Bpftrace).CreateParser(clock)),
            _ => throw new ArgumentException(tool),
        };
    }

    /// <summary>A parser of some record type, seen as one of objects, passing spans and strings through as they are.</summary>
    private sealed class Untyped<T>(IRecordParser<T> parser) : IRecordParser<object> where T : class
    {
        private readonly List<T> _records = [];

        public ParseStats Stats => parser.Stats;

        public LineKind Parse(string line, List<object> output) => Forward(parser.Parse(line, _records), output);

        public LineKind Parse(ReadOnlySpan<char> line, List<object> output) => Forward(parser.Parse(line, _records), output);

        public void Flush(List<object> output)
        {
            parser.Flush(_records);
            Forward(LineKind.Ignored, output);
        }

        private LineKind Forward(LineKind kind, List<object> output)
        {
            output.AddRange(_records);
            _records.Clear();
            return kind;
        }
    }

    private static class Untyped
    {
        public static IRecordParser<object> Of<T>(IRecordParser<T> parser) where T : class => new Untyped<T>(parser);
    }
}
