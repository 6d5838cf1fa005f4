using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Real pwsh (7.6.9, on PATH after .ci/setup) in a process of its own, as a user runs it: no profile, the module
/// imported from out/BpfTools when asked. The scripts time themselves, so pwsh's start is not in their figures.
/// </summary>
public static class RealPwsh
{
    /// <summary>Runs <paramref name="script"/>, which must end by writing "RESULT &lt;count&gt; &lt;seconds&gt;"; returns those.</summary>
    public static (long Count, double Seconds) Timed(string script)
    {
        var output = Run(script, out var errors, out var exitCode);
        var result = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?.Split(' ');
        if (exitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"pwsh ended with {exitCode} and no result: {errors}{output}");
        }
        return (long.Parse(result[1], CultureInfo.InvariantCulture), double.Parse(result[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Wall time of a whole pwsh process, from its start to its exit.</summary>
    public static double ProcessSeconds(string script)
    {
        var clock = Stopwatch.StartNew();
        Run(script, out var errors, out var exitCode);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"pwsh ended with {exitCode}: {errors}");
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static string Run(string script, out string errors, out int exitCode)
    {
        var start = new ProcessStartInfo("pwsh", ["-NoProfile", "-NonInteractive", "-Command", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        errors = stderr.Result;
        exitCode = process.ExitCode;
        return output;
    }
}
