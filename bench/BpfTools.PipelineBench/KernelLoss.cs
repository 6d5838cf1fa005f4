using System.Diagnostics;
using System.Runtime.InteropServices;

/// <summary>
/// Back-pressure on the real kernel: a slow consumer holds up Get-BpfOpen, the tool blocks on its full pipe,
/// the kernel's buffer overflows, and the tool's "Lost N events" reports reach the user. Every one of a known
/// number of failed opens this process makes is either delivered or among the events reported lost.
/// </summary>
public static class KernelLoss
{
    private const int Opens = 300_000;

    /// <summary>Long enough for the burst to end inside the trace: opens after it would not be traced at all.</summary>
    private const int TraceSeconds = 10;

    public static IEnumerable<ResultRow> Measure(BenchRunspace session, int run)
    {
        var marker = $"/nonexistent/bpftools-bench-loss-{Guid.NewGuid():N}";
        // The consumer does a little work per event, enough to be slower than the kernel makes them; it passes on
        // the first event (the sign that tracing has started) and, at the end, how many opens of the marker it saw.
        var script = $$"""
            $seen = 0; $first = $true
            Get-BpfOpen -Backend Libbpf -ProcessId {{Environment.ProcessId}} -FailedOnly -Duration {{TraceSeconds}} -Verbose | ForEach-Object {
                if ($first) { $first = $false; $_ }
                if ($_.Path -eq '{{marker}}') { $seen++ }
                $null = [Math]::Sqrt($seen) + [Math]::Sqrt($seen + 1)
            }
            [long]$seen
            """;
        // Failed opens of another path every 5 ms make the first event; the measured burst starts once it arrives.
        using var attached = new CancellationTokenSource();
        var heartbeat = Task.Run(() =>
        {
            while (!attached.IsCancellationRequested)
            {
                FailToOpen(marker + "-ready");
                Thread.Sleep(5);
            }
        });
        Task? workload = null;
        var clock = Stopwatch.StartNew();
        TimeSpan attachedAt = default, burstEnded = default;
        var result = session.Run(script, _ =>
        {
            attached.Cancel();
            attachedAt = clock.Elapsed;
            workload = Task.Run(() =>
            {
                for (var i = 0; i < Opens; i++)
                {
                    FailToOpen(marker);
                }
                burstEnded = clock.Elapsed;
            });
        });
        attached.Cancel();
        heartbeat.Wait();
        workload?.Wait();
        var delivered = result.Count;
        // The tool's own reports, as totalled in the cmdlet's end-of-run summary.
        var lost = Loss.SummaryField(result, "lost") ?? 0;
        var unaccounted = Math.Max(0, Opens - delivered - lost);
        yield return new ResultRow("3 loss", $"real kernel, slow consumer, run {run}: {Opens:N0} failed opens as fast as this process can",
            $"{delivered:N0} delivered, {lost:N0} reported lost ({result.Warnings.Count} warnings); unaccounted: {unaccounted:N0}; burst {(burstEnded - attachedAt).TotalSeconds:F2} s, run {result.Elapsed.TotalSeconds:F1} s",
            "unaccounted = 0", workload is not null && unaccounted == 0 && burstEnded - attachedAt < TimeSpan.FromSeconds(TraceSeconds));
    }

    /// <summary>open(2) straight from libc: .NET's own File.Open throws on failure, which costs more than the open.</summary>
    private static void FailToOpen(string path)
    {
        var fd = Open(path, 0);
        if (fd >= 0)
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
