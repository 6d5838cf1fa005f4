/// <summary>
/// Events per second into the pipeline: (a) Get-BpfOpen, (b) what a user would script without BpfTools,
/// (c) the stand-in alone writing to /dev/null; each with the stand-in writing line by line (as BpfTools runs
/// libbpf-tools, through stdbuf -oL) or in 64 KiB blocks (as fast as it can, as a script would run it). Also the
/// loss account of the runs: every line the stand-in wrote is an event delivered, a line reported unparsable,
/// or an event reported lost.
/// </summary>
public static class Throughput
{
    /// <summary>What a user would write: run the tool, match each line, build a [pscustomobject].</summary>
    private const string ScriptedParse = """
        & $env:BPFTOOLS_BENCH_TOOL -T -U -e | ForEach-Object {
            if ($_ -match '^(?<time>\d\d:\d\d:\d\d) +(?<uid>\d+) +(?<pid>\d+) +(?<comm>.{16}) +(?<fd>-?\d+) +(?<err>\d+) (?<flags>[0-7]{8}) (?<path>.*)$') {
                [pscustomobject]@{
                    Time = $Matches.time; Uid = [int]$Matches.uid; ProcessId = [int]$Matches.pid
                    ProcessName = $Matches.comm.TrimEnd(); Fd = [int]$Matches.fd; Errno = [int]$Matches.err
                    Flags = [Convert]::ToInt32($Matches.flags, 8); Path = $Matches.path
                }
            }
        } | Measure-BenchOutput
        """;

    public static IEnumerable<ResultRow> Measure(BenchRunspace session, ReplayStandIn standIn, long lines, long scriptedLines)
    {
        const string Section = "2 pipeline";
        const string Cmdlet = "Get-BpfOpen -Backend Libbpf -Verbose | Measure-BenchOutput";
        ReplayStandIn.Lines = lines;

        // The tool as BpfTools runs libbpf-tools: stdbuf -oL, one write(2) per line, so events arrive as they happen.
        ReplayStandIn.FullyBuffered = false;
        var limit = standIn.RunToDevNull();
        var limitRate = lines / limit.TotalSeconds;
        var intoCat = standIn.RunIntoCat();
        var lineBuffered = session.Run(Cmdlet);
        var lineBufferedRate = lineBuffered.Count / lineBuffered.Elapsed.TotalSeconds;
        var lineBufferedWrite = standIn.LastWriteTime;

        // The tool writing as fast as it can (64 KiB blocks), as it does when a user's script runs it without stdbuf.
        ReplayStandIn.FullyBuffered = true;
        var blockLimit = standIn.RunToDevNull();
        var fullSpeed = session.Run(Cmdlet);
        var fullSpeedRate = fullSpeed.Count / fullSpeed.Elapsed.TotalSeconds;

        // PowerShell's own ceiling: ready-made objects from a compiled cmdlet into the same consumer.
        var floor = session.Run($"Write-BenchObject -Count {lines} | Measure-BenchOutput");
        var floorRate = floor.Count / floor.Elapsed.TotalSeconds;

        ReplayStandIn.Lines = scriptedLines;
        Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_TOOL", standIn.Executable);
        var scripted = session.Run(ScriptedParse);
        var scriptedRate = scripted.Count / scripted.Elapsed.TotalSeconds;
        ReplayStandIn.FullyBuffered = false;

        yield return new ResultRow(Section, $"(c) limit: stand-in alone, line by line (stdbuf -oL) > /dev/null", $"{limitRate:N0} lines/s");
        yield return new ResultRow(Section, $"    (same, into a pipe that cat reads: the pipe's own cost)", $"{lines / intoCat.TotalSeconds:N0} lines/s");
        yield return new ResultRow(Section, $"(a) Get-BpfOpen | Measure-BenchOutput, stand-in line by line, {lineBuffered.Count:N0} events",
            $"{lineBufferedRate:N0} events/s (stand-in wrote for {lineBufferedWrite.TotalSeconds:F2} s)");
        yield return new ResultRow(Section, "a/c: BpfTools against the tool as it runs it", $"{lineBufferedRate / limitRate:P0}", ">= 50%", lineBufferedRate / limitRate >= 0.5);
        yield return new ResultRow(Section, $"(c') stand-in alone, 64 KiB blocks > /dev/null", $"{lines / blockLimit.TotalSeconds:N0} lines/s");
        yield return new ResultRow(Section, $"(a') Get-BpfOpen | Measure-BenchOutput, stand-in in 64 KiB blocks, {fullSpeed.Count:N0} events",
            $"{fullSpeedRate:N0} events/s (BpfTools' own ceiling; a'/c' {fullSpeedRate * blockLimit.TotalSeconds / lines:P0})");
        yield return new ResultRow(Section, $"(b) & tool | ForEach-Object {{ -match; [pscustomobject] }}, stand-in in 64 KiB blocks, {scripted.Count:N0} events",
            $"{scriptedRate:N0} events/s");
        yield return new ResultRow(Section, "a'/b: BpfTools against a script, reading the same stand-in", $"{fullSpeedRate / scriptedRate:N1}x", ">= 50x", fullSpeedRate / scriptedRate >= 50);
        yield return new ResultRow(Section, $"(p) Write-BenchObject | Measure-BenchOutput: ready-made objects, {floor.Count:N0}",
            $"{floorRate:N0} objects/s (PowerShell's own ceiling: p/b {floorRate / scriptedRate:N1}x, a'/p {fullSpeedRate / floorRate:P0})");

        foreach (var row in Loss.Account("3 loss", "line by line (a)", lines, lineBuffered).Concat(Loss.Account("3 loss", "64 KiB blocks (a')", lines, fullSpeed)))
        {
            yield return row;
        }
    }
}
