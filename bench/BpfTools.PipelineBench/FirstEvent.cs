using System.Diagnostics;

/// <summary>
/// Time from invoking a cmdlet to its first object, on this kernel, for each backend that works here. A workload
/// thread makes an event every 5 ms, so the figure is the tool's start and attach time, not waiting for an event.
/// </summary>
public static class FirstEvent
{
    private const int Repeats = 5;

    public static IEnumerable<ResultRow> Measure(BenchRunspace session)
    {
        foreach (var (cmdlet, workload) in new (string, Action)[] { ("Get-BpfExec", Exec), ("Get-BpfOpen", Open) })
        {
            foreach (var backend in new[] { "Libbpf", "Bpftrace" })
            {
                var times = new List<double>();
                string? failure = null;
                for (var i = 0; i < Repeats && failure is null; i++)
                {
                    using var stop = new CancellationTokenSource();
                    var load = Task.Run(() =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            workload();
                            Thread.Sleep(5);
                        }
                    });
                    var clock = Stopwatch.StartNew();
                    double? first = null;
                    var result = session.Run($"{cmdlet} -Backend {backend} -MaxEvents 1", _ => first = clock.Elapsed.TotalSeconds);
                    stop.Cancel();
                    load.Wait();
                    if (first is { } seconds)
                    {
                        times.Add(seconds);
                    }
                    else
                    {
                        failure = result.Errors.Select(e => e.ToString()).FirstOrDefault() ?? "no event";
                    }
                }
                var target = backend == "Libbpf" ? "<= 0.5 s" : "";
                if (failure is not null)
                {
                    yield return new ResultRow("5 first event", $"{cmdlet} -Backend {backend}", "failed: " + failure, target, backend == "Libbpf" ? false : null);
                    continue;
                }
                times.Sort();
                var median = times[times.Count / 2];
                yield return new ResultRow("5 first event", $"{cmdlet} -Backend {backend} (median of {Repeats}; max)",
                    $"{median:F2} s; {times[^1]:F2} s", target, backend == "Libbpf" ? median <= 0.5 : null);
            }
        }
    }

    private static void Exec()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true", "bpftools-bench-first-event"))!;
        process.WaitForExit();
    }

    private static void Open()
    {
        try
        {
            File.OpenHandle("/nonexistent/bpftools-bench-first-event").Dispose();
        }
        catch (IOException)
        {
            // The failed open is the event.
        }
    }
}
