using System.Diagnostics;
using System.Globalization;

/// <summary>
/// What bench/run uses: each format parsed over and over for a set time, its rate counted in lines per CPU second
/// of this process (the parsing thread, the GC's and the JIT's), which a machine shared with other work disturbs far
/// less than wall-clock time; then one more pass to count the bytes it allocates. The pipeline bench measures
/// PowerShell's own ceiling (p) in objects per CPU second too, so the two can be compared on a loaded machine.
/// </summary>
public static class CpuRates
{
    /// <summary>Lines per CPU second after <paramref name="warmUp"/> of warm-up (so the parser's code is fully compiled).</summary>
    public static (long Lines, double PerCpuSecond, double WallPerSecond) Measure(ParserFormat format, Utf8Lines lines, double warmUp, double seconds)
    {
        var process = Process.GetCurrentProcess();
        long parsed = 0;
        var warm = Stopwatch.StartNew();
        do
        {
            parsed += format.Parse(lines).Lines;
        }
        while (warm.Elapsed.TotalSeconds < warmUp);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long measured = 0;
        do
        {
            measured += format.Parse(lines).Lines;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return (parsed + measured, measured / cpu, measured / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Bytes this thread allocates per line in one more pass (after warm-up: the reused output list has its size).</summary>
    public static double AllocatedPerLine(ParserFormat format, Utf8Lines lines)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        format.Parse(lines);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)lines.Count;
    }

    /// <summary>
    /// Every format (or those whose name holds <paramref name="filter"/>) into the TSV, rate in lines per CPU second.
    /// </summary>
    public static void WriteAll(string resultFile, string? filter, double seconds, int linesPerPass)
    {
        using var writer = new StreamWriter(resultFile);
        foreach (var format in Formats.All.Where(f => filter is null || f.Name.Contains(filter, StringComparison.Ordinal)))
        {
            var lines = format.Lines(linesPerPass);
            var (_, perCpuSecond, wall) = Measure(format, lines, Math.Min(1, seconds / 2), seconds);
            var allocated = AllocatedPerLine(format, lines);
            writer.WriteLine(TsvRow.Of(format, lines, perCpuSecond, allocated));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format.Name}: {perCpuSecond:F0} lines per CPU second ({wall:F0} lines/s of wall-clock), {allocated:F0} bytes allocated a line"));
        }
    }
}
