/// <summary>
/// The script alternative, in real pwsh with the cmdlets a user would use, against Get-BpfOpen in the same pwsh, all
/// counted with Measure-Object and reading the same stand-in in 64 KiB blocks (a script runs the tool without stdbuf):
/// the opensnoop text through -match or Select-String building a [pscustomobject], and bpftrace's JSON (the captured
/// opensnoop.bt output, replayed by a stand-in named bpftrace) through ConvertFrom-Json. No target: PowerShell's own
/// ceiling bounds any cmdlet's lead over a script, and a'/p holds BpfTools to that ceiling; these say what a user gains.
/// </summary>
public static class Scripted
{
    private const string Section = "2 script";

    /// <summary>Each script times its pipeline and writes "RESULT count seconds".</summary>
    private const string Timed = """
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $count = ({0} | Measure-Object).Count
        "RESULT $count $($clock.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture))"
        """;

    private const string Match = """
        & $env:BPFTOOLS_BENCH_TOOL -T -U -e | ForEach-Object {
            if ($_ -match '^(?<time>\d\d:\d\d:\d\d) +(?<uid>\d+) +(?<pid>\d+) +(?<comm>.{16}) +(?<fd>-?\d+) +(?<err>\d+) (?<flags>[0-7]{8}) (?<path>.*)$') {
                [pscustomobject]@{
                    Time = $Matches.time; Uid = [int]$Matches.uid; ProcessId = [int]$Matches.pid
                    ProcessName = $Matches.comm.TrimEnd(); Fd = [int]$Matches.fd; Errno = [int]$Matches.err
                    Flags = [Convert]::ToInt32($Matches.flags, 8); Path = $Matches.path
                }
            }
        }
        """;

    private const string SelectString = """
        & $env:BPFTOOLS_BENCH_TOOL -T -U -e |
            Select-String '^(\d\d:\d\d:\d\d) +(\d+) +(\d+) +(.{16}) +(-?\d+) +(\d+) ([0-7]{8}) (.*)$' | ForEach-Object {
                $g = $_.Matches[0].Groups
                [pscustomobject]@{
                    Time = $g[1].Value; Uid = [int]$g[2].Value; ProcessId = [int]$g[3].Value
                    ProcessName = $g[4].Value.TrimEnd(); Fd = [int]$g[5].Value; Errno = [int]$g[6].Value
                    Flags = [Convert]::ToInt32($g[7].Value, 8); Path = $g[8].Value
                }
            }
        """;

    /// <summary>opensnoop.bt prints a "path" tuple, then the "open" tuple of the same thread.</summary>
    private const string Json = """
        & $env:BPFTOOLS_BENCH_BPFTRACE -f json opensnoop.bt | ConvertFrom-Json | ForEach-Object -Begin { $paths = @{} } -Process {
            if ($_.type -eq 'value') {
                $d = $_.data
                if ($d[0] -eq 'path') { $paths[$d[1]] = $d[2] }
                elseif ($d[0] -eq 'open') {
                    [pscustomobject]@{
                        ProcessId = [int]$d[1]; ThreadId = [int]$d[2]; Uid = [int]$d[3]; ProcessName = $d[4]
                        Fd = [int]$d[5]; Flags = [int]$d[6]; Timestamp = [long]$d[7]; Path = $paths[$d[2]]
                    }
                }
            }
        }
        """;

    public static IEnumerable<ResultRow> Measure(string manifest, ReplayStandIn standIn, long lines, long scriptedLines)
    {
        Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_TOOL", standIn.Executable);
        Environment.SetEnvironmentVariable("BPFTOOLS_BENCH_BPFTRACE", standIn.Alias("bpftrace"));
        string Cmdlet(string backend) => $"Import-Module '{manifest}'\n" + Time($"Get-BpfOpen -Backend {backend}");
        ReplayStandIn.FullyBuffered = true;
        try
        {
            ReplayStandIn.Lines = lines;
            var text = Rate(RealPwsh.Timed(Cmdlet("Libbpf")));
            ReplayStandIn.Lines = scriptedLines;
            var match = Rate(RealPwsh.Timed(Time(Match)));
            var select = Rate(RealPwsh.Timed(Time(SelectString)));

            // bpftrace's JSON: two lines an event.
            ReplayStandIn.Capture = "opensnoop-bpftrace.json";
            ReplayStandIn.Lines = lines;
            var bpftrace = Rate(RealPwsh.Timed(Cmdlet("Bpftrace")));
            ReplayStandIn.Lines = scriptedLines;
            var json = Rate(RealPwsh.Timed(Time(Json)));

            yield return new(Section, $"(a\") pwsh: Get-BpfOpen -Backend Libbpf | Measure-Object, {text.Count:N0} events", $"{text.Rate:N0} events/s");
            yield return new(Section, $"(b) pwsh: & opensnoop | ForEach-Object {{ -match; [pscustomobject] }} | Measure-Object, {match.Count:N0} events",
                $"{match.Rate:N0} events/s; a\"/b {text.Rate / match.Rate:N1}x");
            yield return new(Section, $"(b) pwsh: & opensnoop | Select-String | ForEach-Object {{ [pscustomobject] }} | Measure-Object, {select.Count:N0} events",
                $"{select.Rate:N0} events/s; a\"/b {text.Rate / select.Rate:N1}x");
            yield return new(Section, $"(a\") pwsh: Get-BpfOpen -Backend Bpftrace | Measure-Object, {bpftrace.Count:N0} events", $"{bpftrace.Rate:N0} events/s");
            yield return new(Section, $"(b) pwsh: & bpftrace -f json | ConvertFrom-Json | ForEach-Object {{ [pscustomobject] }} | Measure-Object, {json.Count:N0} events",
                $"{json.Rate:N0} events/s; a\"/b {bpftrace.Rate / json.Rate:N1}x");
        }
        finally
        {
            ReplayStandIn.FullyBuffered = false;
            ReplayStandIn.Capture = "opensnoop-libbpf-TUe.txt";
            ReplayStandIn.Lines = lines;
        }
    }

    private static string Time(string pipeline) => Timed.Replace("{0}", pipeline, StringComparison.Ordinal);

    private static (long Count, double Rate) Rate((long Count, double Seconds) run) => (run.Count, run.Count / run.Seconds);
}
