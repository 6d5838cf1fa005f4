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
    /// The rows of the parser benchmarks' TSV (format, lines/s, allocated bytes/line, record bytes/line, records,
    /// unparsed, event|other): event formats are held to 2M lines/s and to allocating no more than their records.
    /// </summary>
    public static IEnumerable<ResultRow> ParserRows(string tsvFile)
    {
        foreach (var fields in File.ReadAllLines(tsvFile).Select(l => l.Split('\t')))
        {
            var linesPerSecond = double.Parse(fields[1], CultureInfo.InvariantCulture);
            var allocated = double.Parse(fields[2], CultureInfo.InvariantCulture);
            var recordBytes = double.Parse(fields[3], CultureInfo.InvariantCulture);
            var isEvent = fields[6] == "event";
            yield return new ResultRow("1 parsers", fields[0] + ": lines/s",
                linesPerSecond.ToString("N0", CultureInfo.InvariantCulture), isEvent ? ">= 2,000,000" : "", isEvent ? linesPerSecond >= 2_000_000 : null);
            // Allocation beyond the record: BenchmarkDotNet rounds to whole bytes, so allow for that rounding.
            yield return new ResultRow("1 parsers", fields[0] + ": bytes allocated/line (record's own)",
                $"{allocated:N0} ({recordBytes:N0})", isEvent ? "<= record's own" : "", isEvent ? allocated <= Math.Ceiling(recordBytes) + 1 : null);
        }
    }
}
