namespace BpfTools.Parsers;

/// <summary>What one line of tool output turned out to be.</summary>
internal enum LineKind
{
    /// <summary>A complete record.</summary>
    Record,
    /// <summary>The tool's header, or its "attached" notice: tracing has started.</summary>
    Ready,
    /// <summary>Part of a record that continues on a later line.</summary>
    Pending,
    /// <summary>Known noise (blank line, informational notice).</summary>
    Ignored,
    /// <summary>The kernel lost events; the count is in <see cref="ParseStats.LostEvents"/>.</summary>
    Lost,
    /// <summary>Could not be read; counted in <see cref="ParseStats.Unparsed"/>.</summary>
    Unparsable,
}

/// <summary>A parser of one tool's output format: a pure function from lines to records, no I/O.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal interface IRecordParser<T> where T : class
{
    /// <summary>Counts of what was read.</summary>
    ParseStats Stats { get; }

    /// <summary>Reads one line (without its newline); records it completes are added to <paramref name="output"/>.</summary>
    /// <remarks>Usually one record a line; a line can also complete an earlier, cut-short record.</remarks>
    LineKind Parse(string line, List<T> output);

    /// <summary>At the end of output: adds a record still waiting for continuation lines, if any.</summary>
    void Flush(List<T> output);

    /// <summary>
    /// How finely the format stamps its events: a timed event's Timestamp may be up to this much later than the
    /// event (a whole-second time column is completed with the line's arrival). Not used for other records.
    /// </summary>
    TimeSpan TimeResolution => TimeSpan.Zero;
}
