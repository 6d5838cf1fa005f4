namespace BpfTools.Parsers;

/// <summary>
/// Finds a process name (comm) in a tool's line. printf pads the name to a fixed width, but the name can hold
/// spaces, run wider than its column in characters (printf pads bytes: multi-byte characters), or be pushed
/// right when the column before it overflows: so the name ends where the rest of the line reads after it. The
/// places are tried in the order a regular expression tries <c> *(.{W})TAIL</c> and then <c> *(.+?)\sTAIL</c>,
/// the expressions each parser documents its line with.
/// </summary>
/// <remarks>
/// The spaces before the name are given back one at a time, most first (<c>latestStart</c> down to
/// <c>earliestStart</c>): a name that starts with spaces is still read, and a column that ran into the name still
/// leaves it whole. The tail readers are static methods, so passing them allocates nothing.
/// </remarks>
internal static class PaddedName
{
    /// <summary>
    /// The name at one of <paramref name="widths"/> (<see cref="TryFixedWidth"/>) at any start, and only when none
    /// fits the shortest name that does (<see cref="TryShortest"/>), with the same tail after it.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="latestStart">Where the name starts when the padding before it is all padding.</param>
    /// <param name="earliestStart">The earliest the name may start.</param>
    /// <param name="widths">The widths the tools pad the name to.</param>
    /// <param name="readTail">Reads the columns after the name, from where the name ends.</param>
    /// <param name="name">Where the name is.</param>
    /// <param name="tail">The columns after it.</param>
    public static bool TryRead<T>(ReadOnlySpan<char> line, int latestStart, int earliestStart, ReadOnlySpan<int> widths,
        TailReader<T> readTail, out Column name, out T tail) =>
        TryFixedWidth(line, latestStart, earliestStart, widths, readTail, out name, out tail)
        || TryShortest(line, latestStart, earliestStart, readTail, out name, out tail);

    /// <summary>
    /// The name at one of <paramref name="widths"/> (tried in order for each start) after which
    /// <paramref name="readTail"/> reads: printf's padding, so a name with spaces is taken whole.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="latestStart">Where the name starts when the padding before it is all padding.</param>
    /// <param name="earliestStart">The earliest the name may start (the end of the column before it, or one past it when a space must separate them).</param>
    /// <param name="widths">The widths the tools pad the name to.</param>
    /// <param name="readTail">Reads the columns after the name, from where the name ends.</param>
    /// <param name="name">Where the name is, padding included.</param>
    /// <param name="tail">The columns after it.</param>
    public static bool TryFixedWidth<T>(ReadOnlySpan<char> line, int latestStart, int earliestStart, ReadOnlySpan<int> widths,
        TailReader<T> readTail, out Column name, out T tail)
    {
        for (var start = latestStart; start >= earliestStart; start--)
        {
            foreach (var width in widths)
            {
                var end = start + width;
                if (end <= line.Length && readTail(line, end, out tail))
                {
                    name = new Column(start, end);
                    return true;
                }
            }
        }
        name = default;
        tail = default!;
        return false;
    }

    /// <summary>
    /// The shortest name, ending before white space, after which <paramref name="readTail"/> reads: for a name
    /// wider than its column, when no fixed width fits. <paramref name="readTail"/> is called at that white space.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="latestStart">Where the name starts when the padding before it is all padding.</param>
    /// <param name="earliestStart">The earliest the name may start.</param>
    /// <param name="readTail">Reads the columns after the name, from the white space that ends it.</param>
    /// <param name="name">Where the name is.</param>
    /// <param name="tail">The columns after it.</param>
    public static bool TryShortest<T>(ReadOnlySpan<char> line, int latestStart, int earliestStart,
        TailReader<T> readTail, out Column name, out T tail)
    {
        for (var start = latestStart; start >= earliestStart; start--)
        {
            // A name has at least one character.
            for (var end = start + 1; end < line.Length; end++)
            {
                if (char.IsWhiteSpace(line[end]) && readTail(line, end, out tail))
                {
                    name = new Column(start, end);
                    return true;
                }
            }
        }
        name = default;
        tail = default!;
        return false;
    }
}
