using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs the parser benchmarks and writes one row per format to the TSV file named by the first argument:
// format, lines/s, allocated bytes/line, record bytes/line, records, unparsed lines, is-event-format, line bytes/line.
// --quick: fewer iterations, for a smoke run. --filter TEXT: the formats whose name holds TEXT (".bt" for bpftrace's).
// --loop NAME SECONDS: parse one format in a loop, for a profiler; prints lines per second of wall-clock and of CPU time.
// --cpu SECONDS: instead of BenchmarkDotNet, each format for SECONDS in lines per CPU second (what bench/run uses).
// --symbols SECONDS: what naming user frames costs (SymbolBench).
if (args.Length == 2 && args[0] == "--symbols")
{
    SymbolBench.Run(double.Parse(args[1], CultureInfo.InvariantCulture));
    return;
}
if (args.Length == 3 && args[0] == "--loop")
{
    // For a profiler (perf record with DOTNET_PerfMapEnabled=1): parse one format over and over (CpuRates).
    var loopFormat = Formats.Named(args[1]);
    var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
    var (parsed, perCpuSecond, wall) = CpuRates.Measure(loopFormat, loopFormat.Lines(ParserBenchmarks.LinesPerOperation), Math.Min(1, seconds), seconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{parsed} lines parsed; after warm-up {wall:F0} lines/s, {perCpuSecond:F0} lines per CPU second"));
    return;
}

var resultFile = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "parsers.tsv";
var quick = args.Contains("--quick");
var filter = args.SkipWhile(a => a != "--filter").Skip(1).FirstOrDefault();
if (args.SkipWhile(a => a != "--cpu").Skip(1).FirstOrDefault() is { } cpuSeconds)
{
    // What bench/run uses: lines per CPU second, steady on a shared machine (CpuRates); --quick passes fewer lines.
    CpuRates.WriteAll(resultFile, filter, double.Parse(cpuSeconds, CultureInfo.InvariantCulture), quick ? 2_000 : ParserBenchmarks.LinesPerOperation);
    return;
}

// In process: no generated project to build, and the numbers are for the code as built here.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(quick ? 1 : 3)
    .WithIterationCount(quick ? 3 : 10)
    .WithLaunchCount(1)
    .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(quick ? 100 : 250));
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableLogFile);
if (filter is not null)
{
    config = config.AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(
        b => ((string)b.Parameters["Format"]).Contains(filter, StringComparison.Ordinal)));
}
var summary = BenchmarkRunner.Run<ParserBenchmarks>(config);

using var writer = new StreamWriter(resultFile);
foreach (var report in summary.Reports)
{
    var format = Formats.Named((string)report.BenchmarkCase.Parameters["Format"]);
    var nanosecondsPerLine = report.ResultStatistics?.Mean ?? double.NaN;
    var allocatedPerLine = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
    writer.WriteLine(TsvRow.Of(format, format.Lines(ParserBenchmarks.LinesPerOperation), 1e9 / nanosecondsPerLine, allocatedPerLine));
}
Console.WriteLine($"Wrote {summary.Reports.Length} parser results to {Path.GetFullPath(resultFile)}");
