using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>The account of one run: lines written = events delivered + lines reported unparsable + events reported lost.</summary>
public static partial class Loss
{
    /// <summary>BpfCommandBase's -Verbose summary at the end of a run.</summary>
    [GeneratedRegex(@"(?<lines>\d+) lines read, (?<records>\d+) events parsed, (?<written>\d+) written, (?<unparsed>\d+) unparsable, (?<lost>\d+) lost in the kernel")]
    private static partial Regex Summary();

    /// <summary>A count from the run's end-of-run summary ("written", "unparsed", "lost"), or null when it has none.</summary>
    public static long? SummaryField(PipelineResult result, string name) =>
        result.Verbose.Select(v => Summary().Match(v)).LastOrDefault(m => m.Success) is { } summary
            ? long.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture)
            : null;

    public static IEnumerable<ResultRow> Account(string section, string run, long linesWritten, PipelineResult result)
    {
        if (SummaryField(result, "lost") is null)
        {
            yield return new ResultRow(section, $"{run}: the cmdlet's end-of-run summary", "missing", "present", false);
            yield break;
        }
        long Field(string name) => SummaryField(result, name)!.Value;
        // Counted by the consumer where it counts (Measure-BenchOutput), else as the cmdlet counted its writes.
        var written = result.Count >= 0 ? result.Count : Field("written");
        var unparsed = Field("unparsed");
        var lost = Field("lost");
        var reportedUnparsed = result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("UnparsableOutput", StringComparison.Ordinal));
        var warnedUnparsed = result.Warnings.Any(w => w.Contains($"{unparsed} lines", StringComparison.Ordinal));
        var silent = linesWritten - written - unparsed - lost;
        yield return new ResultRow(section, $"{run}: lines written = delivered + unparsable + lost",
            $"{linesWritten:N0} = {written:N0} + {unparsed:N0} + {lost:N0}; silent: {silent:N0}", "silent = 0", silent == 0);
        yield return new ResultRow(section, $"{run}: unparsable lines told to the user",
            $"{reportedUnparsed} as errors{(warnedUnparsed ? $", all {unparsed} in a warning" : "")}", "all reported",
            unparsed == 0 || (reportedUnparsed > 0 && (unparsed <= reportedUnparsed || warnedUnparsed)));
    }
}
