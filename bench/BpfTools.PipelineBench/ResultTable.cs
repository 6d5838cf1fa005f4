using System.Globalization;
using System.Text;

/// <summary>One line of the results: what was measured, the figure, the target it is held to (if any) and whether it met it.</summary>
public sealed record ResultRow(string Section, string Measurement, string Result, string Target = "", bool? Pass = null);

/// <summary>The one table the bench prints, and its Markdown form for BENCHMARKS.md.</summary>
public static class ResultTable
{
    public static string Verdict(bool? pass) => pass switch { true => "pass", false => "FAIL", null => "" };

    public static string Text(IReadOnlyList<ResultRow> rows)
    {
        string[] headers = ["Section", "Measurement", "Result", "Target", ""];
        var cells = rows.Select(r => new[] { r.Section, r.Measurement, r.Result, r.Target, Verdict(r.Pass) }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] values) => text.AppendLine(string.Join("  ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        Line([.. widths.Select(w => new string('-', w))]);
        cells.ForEach(Line);
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder("| Section | Measurement | Result | Target | |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(r.Section)} | {Cell(r.Measurement)} | {Cell(r.Result)} | {Cell(r.Target)} | {Verdict(r.Pass)} |\n");
        }
        return text.ToString();
    }

    /// <summary>A pipeline's "|" would end a Markdown table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>
    /// The rows of the parser benchmarks' TSV (format, lines per CPU second, allocated bytes/line, record bytes/line,
    /// records, unparsed, event|other, line string bytes/line). Event formats are held to twice PowerShell's own
    /// ceiling (p, objects per CPU second, measured in the same run), so that parsing never limits the pipeline; and to
    /// allocating, beyond one string of the line, no more than their records. LineReader hands parsers each line in a
    /// reused buffer, and the harness does too; a parser that needs the line as a string (execsnoop keeps it) makes it.
    /// </summary>
    public static IEnumerable<ResultRow> ParserRows(string tsvFile, double ceilingPerCpuSecond)
    {
        foreach (var fields in File.ReadAllLines(tsvFile).Select(l => l.Split('\t')))
        {
            var linesPerSecond = double.Parse(fields[1], CultureInfo.InvariantCulture);
            var allocated = double.Parse(fields[2], CultureInfo.InvariantCulture);
            var recordBytes = double.Parse(fields[3], CultureInfo.InvariantCulture);
            var isEvent = fields[6] == "event";
            var lineBytes = double.Parse(fields[7], CultureInfo.InvariantCulture);
            var ratio = linesPerSecond / ceilingPerCpuSecond;
            yield return new ResultRow("1 parsers", fields[0] + ": lines per CPU second, against p",
                $"{ratio:N1}x p: {linesPerSecond:N0}", isEvent ? $">= 2x p ({2 * ceilingPerCpuSecond:N0})" : "", isEvent ? ratio >= 2 : null);
            // The figures are rounded to whole bytes, so allow for that rounding.
            yield return new ResultRow("1 parsers", fields[0] + ": bytes allocated/line (its record's own; one string of the line)",
                $"{allocated:N0} ({recordBytes:N0}; {lineBytes:N0})", isEvent ? "<= record's own + one line string" : "",
                isEvent ? allocated <= Math.Ceiling(recordBytes + lineBytes) + 1 : null);
        }
    }
}
