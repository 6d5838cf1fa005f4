using System.Diagnostics;
using System.Text.RegularExpressions;

/// <summary>
/// Time from invoking a cmdlet to its first object, on this kernel, for each backend that works here, against the
/// raw tool's own: the exact command line the cmdlet ran (from its -Verbose), started alone, timed to its first line
/// after the header (libbpf-tools' column header, bpftrace's "attached_probes"), the two alternated. A workload
/// thread makes an event every 5 ms, so the figures are start-up and attach time, not waiting for an event.
/// </summary>
public static partial class FirstEvent
{
    [GeneratedRegex("running the \\w+ backend: (?<command>.*)$")]
    private static partial Regex Running();

    public static IEnumerable<ResultRow> Measure(BenchRunspace session, int repeats)
    {
        foreach (var (cmdlet, workload) in new (string, Action)[] { ("Get-BpfExec", Exec), ("Get-BpfOpen", Open) })
        {
            foreach (var backend in new[] { "Libbpf", "Bpftrace" })
            {
                var script = $"{cmdlet} -Backend {backend} -MaxEvents 1";
                // Once with -Verbose, untimed: the command line to run raw, and the first run's start-up out of the way.
                var (_, first) = Timed(workload, session, script + " -Verbose");
                var command = first.Verbose.Select(v => Running().Match(v)).FirstOrDefault(m => m.Success)?.Groups["command"].Value;
                if (command is null)
                {
                    var failure = first.Errors.Select(e => e.ToString()).FirstOrDefault() ?? "no command line in -Verbose";
                    yield return new("5 first event", $"{cmdlet} -Backend {backend}", "failed: " + failure, "<= 2x the raw tool", false);
                    continue;
                }
                var cmdletTimes = new List<double>();
                var rawTimes = new List<double>();
                string? failed = null;
                for (var i = 0; i < repeats && failed is null; i++)
                {
                    var raw = WithWorkload(workload, () => RawFirstLine(command));
                    var (seconds, result) = Timed(workload, session, script);
                    if (raw is null || seconds is null)
                    {
                        failed = raw is null ? "the raw tool printed no event" : result.Errors.Select(e => e.ToString()).FirstOrDefault() ?? "no event";
                        break;
                    }
                    rawTimes.Add(raw.Value);
                    cmdletTimes.Add(seconds.Value);
                }
                if (failed is not null)
                {
                    yield return new("5 first event", $"{cmdlet} -Backend {backend}", "failed: " + failed, "<= 2x the raw tool", false);
                    continue;
                }
                var (cmdletMedian, rawMedian) = (Median(cmdletTimes), Median(rawTimes));
                yield return new("5 first event", $"{cmdlet} -Backend {backend} against its raw command (median of {repeats}; max)",
                    $"{cmdletMedian / rawMedian:N2}x: {cmdletMedian:F2} s ({cmdletTimes.Max():F2} s) against {rawMedian:F2} s ({rawTimes.Max():F2} s)",
                    "<= 2x the raw tool", cmdletMedian <= 2 * rawMedian);
            }
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Runs the cmdlet with the workload making events: seconds from invoking it to its first object, or null.</summary>
    private static (double? Seconds, PipelineResult Result) Timed(Action workload, BenchRunspace session, string script)
    {
        var clock = Stopwatch.StartNew();
        double? firstAt = null;
        var result = WithWorkload(workload, () => session.Run(script, _ => firstAt ??= clock.Elapsed.TotalSeconds));
        return (firstAt, result);
    }

    private static T WithWorkload<T>(Action workload, Func<T> run)
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
        try
        {
            return run();
        }
        finally
        {
            stop.Cancel();
            load.Wait();
        }
    }

    /// <summary>Seconds from starting the command to its first line after the header, or null if it printed none in 10 s.</summary>
    private static double? RawFirstLine(string commandLine)
    {
        // BpfTools' command lines here hold no quoted argument (paths under out/BpfTools, flags, numbers).
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(words[0], words[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var reading = Task.Run(() =>
        {
            process.StandardOutput.ReadLine();
            return process.StandardOutput.ReadLine() is null ? (double?)null : clock.Elapsed.TotalSeconds;
        });
        var seconds = reading.Wait(TimeSpan.FromSeconds(10)) ? reading.Result : null;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return seconds;
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
