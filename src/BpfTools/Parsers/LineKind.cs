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
