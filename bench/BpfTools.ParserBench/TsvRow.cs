using System.Globalization;

/// <summary>
/// One format's row in the TSV bench/run hands the pipeline bench: format, lines/s, allocated bytes/line, record
/// bytes/line, records, unparsed lines, event|other, the line strings' bytes/line.
/// </summary>
public static class TsvRow
{
    public static string Of(ParserFormat format, Utf8Lines lines, double linesPerSecond, double allocatedPerLine)
    {
        var stats = format.Parse(lines);
        var records = format.Records(lines);
        var recordBytesPerLine = records.Sum(RecordSize.Of) / (double)lines.Count;
        return string.Join('\t',
            format.Name,
            linesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
            allocatedPerLine.ToString("F0", CultureInfo.InvariantCulture),
            recordBytesPerLine.ToString("F1", CultureInfo.InvariantCulture),
            stats.Records.ToString(CultureInfo.InvariantCulture),
            stats.Unparsed.ToString(CultureInfo.InvariantCulture),
            format.IsEventFormat ? "event" : "other",
            LineStringBytesPerLine(lines).ToString("F1", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// What a string of each line takes: LineReader decodes each line into a reused buffer, and a parser that needs
    /// the line as a string (execsnoop's records keep it for their arguments; printed maps are read from one) makes it
    /// itself, so the allocation target allows one.
    /// </summary>
    private static double LineStringBytesPerLine(Utf8Lines lines)
    {
        long total = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            // A string object: 8-byte header, method table, length, the UTF-16 characters and a terminator, 8-aligned.
            total += (20 + (2 * (System.Text.Encoding.UTF8.GetCharCount(lines[i]) + 1)) + 7) & ~7L;
        }
        return total / (double)lines.Count;
    }
}
