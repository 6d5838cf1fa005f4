namespace BpfTools.Parsers;

/// <summary>A parser of one tool's output format: a pure function from lines to records, no I/O.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal interface IRecordParser<T> where T : class
{
    /// <summary>Counts of what was read.</summary>
    ParseStats Stats { get; }

    /// <summary>Reads one line (without its newline); records it completes are added to <paramref name="output"/>.</summary>
    /// <remarks>Usually one record a line; a line can also complete an earlier, cut-short record.</remarks>
    LineKind Parse(string line, List<T> output);

    /// <summary>
    /// Reads one line from the reader's buffer, so a parser that keeps nothing of the line needs no string of it
    /// (the line string was more than half of what reading opensnoop allocated). By default, a string of it.
    /// </summary>
    /// <remarks>Parsers whose records keep the line, or look at it more than once, keep the default.</remarks>
    LineKind Parse(ReadOnlySpan<char> line, List<T> output) => Parse(line.ToString(), output);

    /// <summary>At the end of output: adds a record still waiting for continuation lines, if any.</summary>
    void Flush(List<T> output);

    /// <summary>
    /// How finely the format stamps its events: a timed event's Timestamp may be up to this much later than the
    /// event (a whole-second time column is completed with the line's arrival). Not used for other records.
    /// </summary>
    TimeSpan TimeResolution => TimeSpan.Zero;
}
