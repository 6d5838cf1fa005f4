using BenchmarkDotNet.Attributes;

/// <summary>One operation parses <see cref="LinesPerOperation"/> lines, so BenchmarkDotNet reports time and allocation per line.</summary>
public class ParserBenchmarks
{
    public const int LinesPerOperation = 20_000;

    private Utf8Lines _lines = new([]);
    private ParserFormat _format = null!;

    public static IEnumerable<string> FormatNames => Formats.All.Select(f => f.Name);

    [ParamsSource(nameof(FormatNames))]
    public string Format { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _format = Formats.Named(Format);
        _lines = _format.Lines(LinesPerOperation);
    }

    [Benchmark(OperationsPerInvoke = LinesPerOperation)]
    public long Parse() => _format.Parse(_lines).Records;
}
