namespace BpfTools.IntegrationTests;

/// <summary>
/// A stand-in tool executable (a bash script) first on BPFTOOLS_PATH, as Crescendo tests fake native tools:
/// it replays captured output and stderr, so a cmdlet can be tested whole without the real tool or kernel feature.
/// </summary>
internal sealed class StandIn : IDisposable
{
    private readonly string _dir;
    private readonly string? _previous;

    private StandIn(string name, string script)
    {
        _dir = Directory.CreateTempSubdirectory("bpftools-standin-").FullName;
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/bash\n" + script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _previous = Environment.GetEnvironmentVariable("BPFTOOLS_PATH");
        Environment.SetEnvironmentVariable("BPFTOOLS_PATH", _dir);
    }

    /// <summary>Prints <paramref name="stdoutFile"/> (and optional stderr lines), then traces on until SIGINT, like the real tool.</summary>
    /// <param name="recordTo">If given, the stand-in first writes there its pid, then each argument it got, one a line.</param>
    public static StandIn Replay(string name, string stdoutFile, string stderr = "", string? recordTo = null) => new(name,
        $"trap 'exit 0' INT\n{Record(recordTo)}{Echo(stderr)}cat '{stdoutFile}'\nwhile :; do sleep 0.1; done\n");

    /// <summary>Writes <paramref name="stderr"/> and exits with <paramref name="exitCode"/> before printing anything, like a failed attach.</summary>
    public static StandIn FailToAttach(string name, string stderr, int exitCode = 1) => new(name,
        $"{Echo(stderr)}exit {exitCode}\n");

    /// <summary>What a stand-in started with recordTo wrote: its pid, then its arguments one per line.</summary>
    public static (int Pid, string[] Arguments) ReadRecord(string path)
    {
        var lines = File.ReadAllLines(path);
        return (int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines[1..]);
    }

    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("BPFTOOLS_PATH", _previous);
        Directory.Delete(_dir, true);
    }

    private static string Record(string? file) => file is null ? "" : $"printf '%s\\n' \"$$\" \"$@\" > '{file}'\n";

    private static string Echo(string stderr) =>
        stderr.Length == 0 ? "" : $"printf '%s\\n' {string.Join(' ', stderr.Split('\n').Select(l => "'" + l.Replace("'", "'\\''", StringComparison.Ordinal) + "'"))} >&2\n";
}
