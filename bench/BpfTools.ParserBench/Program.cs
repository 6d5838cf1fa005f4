using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs the parser benchmarks and writes one row per format to the TSV file named by the first argument:
// format, lines/s, allocated bytes/line, record bytes/line, records, unparsed lines, is-event-format.
// --quick: fewer iterations, for a smoke run. --filter TEXT: the formats whose name holds TEXT (".bt" for bpftrace's).
// --loop NAME SECONDS: parse one format in a loop, for a profiler; prints lines per second of wall-clock and of CPU time.
// --symbols SECONDS: what naming user frames costs (SymbolBench).
if (args.Length == 2 && args[0] == "--symbols")
{
    SymbolBench.Run(double.Parse(args[1], CultureInfo.InvariantCulture));
    return;
}
if (args.Length == 3 && args[0] == "--loop")
{
    // For a profiler (perf record with DOTNET_PerfMapEnabled=1): parse one format over and over. The rate counts the
    // process's CPU time too (this thread, the GC's and the JIT's), which a machine shared with other work disturbs
    // far less than wall-clock time; measured after a second of warm-up, so that the parser's code is fully compiled.
    var loopFormat = Formats.Named(args[1]);
    var loopLines = loopFormat.Lines(ParserBenchmarks.LinesPerOperation);
    var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
    var process = System.Diagnostics.Process.GetCurrentProcess();
    long parsed = 0;
    var warmUntil = DateTime.UtcNow.AddSeconds(Math.Min(1, seconds));
    while (DateTime.UtcNow < warmUntil)
    {
        parsed += loopFormat.Parse(loopLines).Lines;
    }
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    long measured = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        measured += loopFormat.Parse(loopLines).Lines;
    }
    clock.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{parsed + measured} lines parsed; after warm-up {measured / clock.Elapsed.TotalSeconds:F0} lines/s, {measured / cpu:F0} lines per CPU second"));
    return;
}

var resultFile = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "parsers.tsv";
var quick = args.Contains("--quick");
var filter = args.SkipWhile(a => a != "--filter").Skip(1).FirstOrDefault();

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
    var name = (string)report.BenchmarkCase.Parameters["Format"];
    var format = Formats.Named(name);
    var nanosecondsPerLine = report.ResultStatistics?.Mean ?? double.NaN;
    var allocatedPerLine = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;

    // What the records themselves take, per line, on the same input.
    var lines = format.Lines(ParserBenchmarks.LinesPerOperation);
    var stats = format.Parse(lines);
    var records = format.Records(lines);
    var recordBytesPerLine = records.Sum(RecordSize.Of) / (double)lines.Count;

    writer.WriteLine(string.Join('\t',
        name,
        (1e9 / nanosecondsPerLine).ToString("F0", CultureInfo.InvariantCulture),
        allocatedPerLine.ToString(CultureInfo.InvariantCulture),
        recordBytesPerLine.ToString("F1", CultureInfo.InvariantCulture),
        stats.Records.ToString(CultureInfo.InvariantCulture),
        stats.Unparsed.ToString(CultureInfo.InvariantCulture),
        format.IsEventFormat ? "event" : "other"));
}
Console.WriteLine($"Wrote {summary.Reports.Length} parser results to {Path.GetFullPath(resultFile)}");
