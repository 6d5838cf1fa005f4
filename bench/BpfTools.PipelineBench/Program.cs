using System.Globalization;

// Usage: BpfTools.PipelineBench [--parsers parsers.tsv] [--markdown results.md] [--lines N] [--scripted-lines N]
//                               [--quick] [--skip-kernel] [--kernel-loss-only] [--kernel-loss-runs N] [--throughput-only]
// Prints the one results table: the parser rows (from the TSV BpfTools.ParserBench wrote, held to PowerShell's
// ceiling measured here), then pipeline throughput, the script alternative in real pwsh, loss (with a stand-in, then on
// the real kernel), memory, start-up and time to first event, each target a ratio to a limit measured in this run.
// --quick: a smoke run (CI): fewer repeats, one kernel loss run, and exit 0 when targets are missed (the shared
// machine's figures are not held to them); a bench that breaks still ends non-zero. --skip-kernel leaves out the
// parts that trace the kernel; --kernel-loss-only keeps only the real kernel's loss account, run --kernel-loss-runs
// times in a row (default 3: the target is every run); --throughput-only keeps only section 2's a, c, p and a'.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var quick = args.Contains("--quick");
var lines = long.Parse(Option("--lines") ?? "1000000", CultureInfo.InvariantCulture);
var scriptedLines = long.Parse(Option("--scripted-lines") ?? (quick ? "20000" : "100000"), CultureInfo.InvariantCulture);
var kernelLossRuns = int.Parse(Option("--kernel-loss-runs") ?? (quick ? "1" : "3"), CultureInfo.InvariantCulture);
var repeats = quick ? 3 : 5;
var kernelLossOnly = args.Contains("--kernel-loss-only");
var throughputOnly = args.Contains("--throughput-only");

if (Environment.UserName != "root")
{
    Console.Error.WriteLine("The bench traces the kernel (time to first event) and must run as root.");
    return 2;
}
var manifest = FindManifest();
var rows = new List<ResultRow>();
double? ceilingPerCpuSecond = null;

using (var session = new BenchRunspace(manifest))
{
    if (!kernelLossOnly)
    {
        using var standIn = new ReplayStandIn("opensnoop", Path.Combine(AppContext.BaseDirectory, "fixtures", "opensnoop-libbpf-TUe.txt"));
        var throughput = Throughput.Measure(session, standIn, lines, quick ? 1 : 5);
        ceilingPerCpuSecond = throughput.CeilingPerCpuSecond;
        rows.AddRange(throughput.Rows);
        if (!throughputOnly)
        {
            rows.AddRange(Scripted.Measure(manifest, standIn, lines, scriptedLines));
            rows.AddRange(SlowConsumer.Measure(session, standIn, lines));
        }
    }
    if (!args.Contains("--skip-kernel") && !throughputOnly)
    {
        for (var run = 1; run <= kernelLossRuns; run++)
        {
            rows.AddRange(KernelLoss.Measure(session, run));
        }
    }
    if (!kernelLossOnly && !throughputOnly)
    {
        rows.AddRange(StartUp.Measure(manifest, repeats));
        if (!args.Contains("--skip-kernel"))
        {
            rows.AddRange(FirstEvent.Measure(session, repeats));
        }
    }
}
if (Option("--parsers") is { } parserResults && ceilingPerCpuSecond is { } ceiling)
{
    rows.InsertRange(0, ResultTable.ParserRows(parserResults, ceiling));
}

Console.WriteLine();
Console.Write(ResultTable.Text(rows));
if (Option("--markdown") is { } markdown)
{
    File.WriteAllText(markdown, ResultTable.Markdown(rows));
}
var failed = rows.Count(r => r.Pass == false);
Console.WriteLine(failed == 0 ? "All targets met." : $"{failed} targets missed{(quick ? " (a smoke run: not held to them)" : "")}.");
return failed == 0 || quick ? 0 : 1;

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
