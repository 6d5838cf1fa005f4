using System.Globalization;

/// <summary>
/// A consumer slower than the tool: `Get-BpfOpen | ForEach-Object { }` over many events. Shows what back-pressure
/// does (the stand-in is held back, nothing is lost, the loss account still balances) and that memory stays
/// flat: the process's peak resident memory growth over the run.
/// </summary>
public static class SlowConsumer
{
    public static IEnumerable<ResultRow> Measure(BenchRunspace session, ReplayStandIn standIn, long lines)
    {
        const string Script = "Get-BpfOpen -Backend Libbpf -Verbose | ForEach-Object { }";
        // Warm up first, so the JIT, the format data and the runspace's caches are not counted as growth.
        ReplayStandIn.Lines = 100_000;
        session.Run(Script);

        ReplayStandIn.Lines = lines;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ResidentBytes();
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes());
                await Task.Delay(10).ConfigureAwait(false);
            }
        });
        var result = session.Run(Script);
        stop.Cancel();
        sampler.Wait();
        peak = Math.Max(peak, ResidentBytes());
        var growthMb = (peak - before) / (1024.0 * 1024.0);
        var rate = lines / result.Elapsed.TotalSeconds;

        yield return new ResultRow("3 loss", $"slow consumer: Get-BpfOpen | ForEach-Object {{ }}, {lines:N0} lines",
            $"{rate:N0} events/s; stand-in held back: wrote for {standIn.LastWriteTime.TotalSeconds:F1} s");
        foreach (var row in Loss.Account("3 loss", "slow consumer", lines, result))
        {
            yield return row;
        }
        yield return new ResultRow("4 memory", $"peak resident growth over {lines:N0} events (ForEach-Object)",
            $"{growthMb:F1} MB", "< 20 MB", growthMb < 20);
    }

    /// <summary>VmRSS of this process.</summary>
    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
