using System.Globalization;

// Usage: BpfTools.PipelineBench [--parsers parsers.tsv] [--markdown results.md] [--lines N] [--scripted-lines N]
//                               [--skip-kernel] [--kernel-loss-only] [--kernel-loss-runs N]
// Prints the one results table: the parser benchmarks' rows (from the TSV BpfTools.ParserBench wrote), then
// pipeline throughput, loss (with a stand-in, then on the real kernel), memory and time to first event, each with
// its target and pass/fail. --skip-kernel leaves out the parts that trace the kernel; --kernel-loss-only keeps only
// the real kernel's loss account, run --kernel-loss-runs times in a row (default 3: the target is every run).
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var lines = long.Parse(Option("--lines") ?? "1000000", CultureInfo.InvariantCulture);
var scriptedLines = long.Parse(Option("--scripted-lines") ?? "100000", CultureInfo.InvariantCulture);
var kernelLossRuns = int.Parse(Option("--kernel-loss-runs") ?? "3", CultureInfo.InvariantCulture);
var kernelLossOnly = args.Contains("--kernel-loss-only");

if (Environment.UserName != "root")
{
    Console.Error.WriteLine("The bench traces the kernel (time to first event) and must run as root.");
    return 2;
}
var manifest = FindManifest();
var rows = new List<ResultRow>();
if (Option("--parsers") is { } parserResults)
{
    rows.AddRange(ResultTable.ParserRows(parserResults));
}

using (var session = new BenchRunspace(manifest))
{
    if (!kernelLossOnly)
    {
        using var standIn = new ReplayStandIn("opensnoop", Path.Combine(AppContext.BaseDirectory, "fixtures", "opensnoop-libbpf-TUe.txt"));
        rows.AddRange(Throughput.Measure(session, standIn, lines, scriptedLines));
        rows.AddRange(SlowConsumer.Measure(session, standIn, lines));
    }
    if (!args.Contains("--skip-kernel"))
    {
        for (var run = 1; run <= kernelLossRuns; run++)
        {
            rows.AddRange(KernelLoss.Measure(session, run));
        }
        if (!kernelLossOnly)
        {
            rows.AddRange(FirstEvent.Measure(session));
        }
    }
}

Console.WriteLine();
Console.Write(ResultTable.Text(rows));
if (Option("--markdown") is { } markdown)
{
    File.WriteAllText(markdown, ResultTable.Markdown(rows));
}
var failed = rows.Count(r => r.Pass == false);
Console.WriteLine(failed == 0 ? "All targets met." : $"{failed} targets missed.");
return failed == 0 ? 0 : 1;

static string FindManifest()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var manifest = Path.Combine(dir.FullName, "out", "BpfTools", "BpfTools.psd1");
        if (File.Exists(manifest))
        {
            return manifest;
        }
    }
    throw new InvalidOperationException("Build the module first: dotnet build -c Release BpfTools.slnx");
}
