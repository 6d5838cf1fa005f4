using System.Diagnostics;

/// <summary>What the throughput runs give: their rows, and PowerShell's ceiling (p) the parser rows are held to.</summary>
public sealed record ThroughputResult(IReadOnlyList<ResultRow> Rows, double CeilingPerCpuSecond);

/// <summary>
/// Events per second into the pipeline, each against a limit measured in the same run: (a) Get-BpfOpen with the
/// stand-in writing line by line (as BpfTools runs libbpf-tools, through stdbuf -oL) against (c) the stand-in alone
/// writing line by line into a pipe that cat drains; (a') the same cmdlet with the stand-in writing in 64 KiB blocks
/// (BpfTools' own ceiling) against (p) a compiled cmdlet writing ready-made objects (PowerShell's), and (h) such objects
/// handed over from another thread as BpfTools hands records over, to show what that hand-over alone costs. Also the loss
/// account of the runs: every line the stand-in wrote is an event delivered, a line reported unparsable, or an event
/// reported lost.
/// </summary>
public static class Throughput
{
    public static ThroughputResult Measure(BenchRunspace session, ReplayStandIn standIn, long lines, int rounds)
    {
        const string Section = "2 pipeline";
        const string Cmdlet = "Get-BpfOpen -Backend Libbpf -Verbose | Measure-BenchOutput";
        var rows = new List<ResultRow>();
        // Warm-up, untimed: the first runs in the runspace pay for JIT compilation, which no later run does.
        ReplayStandIn.Lines = 100_000;
        session.Run(Cmdlet);
        session.Run("Write-BenchObject -Count 200000 | Measure-BenchOutput");
        session.Run("Write-HandedOverObject -Count 200000 | Measure-BenchOutput");
        ReplayStandIn.Lines = lines;

        // The tool as BpfTools runs libbpf-tools: stdbuf -oL, one write(2) per line, so events arrive as they happen.
        ReplayStandIn.FullyBuffered = false;
        var devNull = lines / standIn.RunToDevNull().TotalSeconds;
        var limitRate = lines / standIn.RunIntoCat().TotalSeconds;
        var lineBuffered = session.Run(Cmdlet);
        var lineBufferedRate = lineBuffered.Count / lineBuffered.Elapsed.TotalSeconds;
        var lineBufferedWrite = standIn.LastWriteTime;

        // PowerShell's ceiling (p) and BpfTools' (a'), in alternating rounds: a' needs its two threads (reading,
        // pipeline) to run side by side, p one, so a moment of load elsewhere on the machine moves one and not the
        // other; the ratio is the median of the rounds' ratios.
        ReplayStandIn.FullyBuffered = true;
        var blockLimit = lines / standIn.RunIntoCat().TotalSeconds;
        var roundsRun = Enumerable.Range(0, rounds).Select(_ => Round(session, Cmdlet, lines)).ToList();
        ReplayStandIn.FullyBuffered = false;
        var median = roundsRun.OrderBy(r => r.FullSpeedRate / r.CeilingRate).ElementAt(rounds / 2);
        var (ceiling, ceilingRate, ceilingPerCpuSecond, fullSpeed, fullSpeedRate, fullSpeedCpuPerEvent, collections, _) = median;
        var ratios = string.Join(", ", roundsRun.Select(r => $"{r.FullSpeedRate / r.CeilingRate:P0}"));
        var handOverRatios = roundsRun.Select(r => r.HandOverRate / r.CeilingRate).Order().ToList();

        rows.Add(new(Section, "(c) limit: stand-in alone, line by line (stdbuf -oL), into a pipe that cat drains",
            $"{limitRate:N0} lines/s (into /dev/null, which no reader gets: {devNull:N0})"));
        rows.Add(new(Section, $"(a) Get-BpfOpen | Measure-BenchOutput, stand-in line by line, {lineBuffered.Count:N0} events",
            $"{lineBufferedRate:N0} events/s (stand-in wrote for {lineBufferedWrite.TotalSeconds:F2} s)"));
        rows.Add(new(Section, "a/c: BpfTools against the tool as it runs it, read by cat", $"{lineBufferedRate / limitRate:P0}", ">= 60 % of c",
            lineBufferedRate / limitRate >= 0.6));
        rows.Add(new(Section, $"(p) Write-BenchObject | Measure-BenchOutput: ready-made objects, {ceiling.Count:N0}",
            $"{ceilingRate:N0} objects/s; {ceilingPerCpuSecond:N0} per CPU second (PowerShell's own ceiling)"));
        rows.Add(new(Section, "h/p: ready-made objects made on another thread and handed over as BpfTools does (Write-HandedOverObject), against p",
            $"{handOverRatios[rounds / 2]:P0} (rounds {string.Join(", ", handOverRatios.Select(r => r.ToString("P0")))}): any cmdlet that reads on a thread of its own starts here"));
        rows.Add(new(Section, $"(a') Get-BpfOpen | Measure-BenchOutput, stand-in in 64 KiB blocks, {fullSpeed.Count:N0} events",
            $"{fullSpeedRate:N0} events/s, {fullSpeedCpuPerEvent * 1e6:F2} µs of CPU an event, p {1e6 / ceilingPerCpuSecond:F2}; garbage collections (gen 0/1/2) and the time they paused the run: {collections} (BpfTools' own ceiling; the stand-in alone into cat: {blockLimit:N0} lines/s)"));
        rows.Add(new(Section, $"a'/p: BpfTools' ceiling against PowerShell's, median of {rounds} alternating rounds ({ratios})", $"{fullSpeedRate / ceilingRate:P0}", ">= 80 % of p",
            fullSpeedRate / ceilingRate >= 0.8));
        rows.AddRange(Loss.Account("3 loss", "line by line (a)", lines, lineBuffered));
        rows.AddRange(Loss.Account("3 loss", "64 KiB blocks (a')", lines, fullSpeed));
        return new(rows, ceilingPerCpuSecond);
    }

    /// <summary>One round of p, then a', then h (a's hand-over alone): their runs, rates and CPU (this process's: the pipeline thread, the reading thread, the GC's).</summary>
    private static PipelineRound Round(BenchRunspace session, string cmdlet, long lines)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var gcBefore = GcActivity.Now();
        var ceiling = session.Run($"Write-BenchObject -Count {lines} | Measure-BenchOutput");
        process.Refresh();
        var ceilingCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var ceilingGc = GcActivity.Now() - gcBefore;
        cpuBefore = process.TotalProcessorTime;
        gcBefore = GcActivity.Now();
        var fullSpeed = session.Run(cmdlet);
        process.Refresh();
        var fullSpeedCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var fullSpeedGc = GcActivity.Now() - gcBefore;
        var handOver = session.Run($"Write-HandedOverObject -Count {lines} | Measure-BenchOutput");
        var collections = $"a' {fullSpeedGc.Describe(fullSpeed.Elapsed)}; p {ceilingGc.Describe(ceiling.Elapsed)}";
        return new(ceiling, ceiling.Count / ceiling.Elapsed.TotalSeconds, ceiling.Count / ceilingCpu,
            fullSpeed, fullSpeed.Count / fullSpeed.Elapsed.TotalSeconds, fullSpeedCpu / fullSpeed.Count, collections,
            handOver.Count / handOver.Elapsed.TotalSeconds);
    }

    private sealed record PipelineRound(PipelineResult Ceiling, double CeilingRate, double CeilingPerCpuSecond,
        PipelineResult FullSpeed, double FullSpeedRate, double FullSpeedCpuPerEvent, string Collections, double HandOverRate);
}
