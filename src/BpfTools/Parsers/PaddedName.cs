using System.Runtime.CompilerServices;

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
/// leaves it whole. <c>TTail</c> reads the rest of the line (<see cref="ITailReader{T}"/>). The methods are
/// inlined into each parser, so that the parsers run as fast as their hand-written loops did.
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
    /// <param name="name">Where the name is.</param>
    /// <param name="tail">The columns after it.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead<T, TTail>(ReadOnlySpan<char> line, int latestStart, int earliestStart, ReadOnlySpan<int> widths,
        out Column name, out T tail) where TTail : ITailReader<T> =>
        TryFixedWidth<T, TTail>(line, latestStart, earliestStart, widths, out name, out tail)
        || TryShortest<T, TTail>(line, latestStart, earliestStart, out name, out tail);

    /// <summary>
    /// The name at one of <paramref name="widths"/> (tried in order for each start) after which <c>TTail</c>
    /// reads: printf's padding, so a name with spaces is taken whole.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="latestStart">Where the name starts when the padding before it is all padding.</param>
    /// <param name="earliestStart">The earliest the name may start (the end of the column before it, or one past it when a space must separate them).</param>
    /// <param name="widths">The widths the tools pad the name to.</param>
    /// <param name="name">Where the name is, padding included.</param>
    /// <param name="tail">The columns after it, read from where the name ends.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFixedWidth<T, TTail>(ReadOnlySpan<char> line, int latestStart, int earliestStart, ReadOnlySpan<int> widths,
        out Column name, out T tail) where TTail : ITailReader<T>
    {
        for (var start = latestStart; start >= earliestStart; start--)
        {
            foreach (var width in widths)
            {
                var end = start + width;
                if (end <= line.Length && TTail.TryRead(line, end, out tail))
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
    /// The shortest name, ending before white space, after which <c>TTail</c> reads: for a name wider than its
    /// column, when no fixed width fits. <c>TTail</c> is called at that white space.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="latestStart">Where the name starts when the padding before it is all padding.</param>
    /// <param name="earliestStart">The earliest the name may start.</param>
    /// <param name="name">Where the name is.</param>
    /// <param name="tail">The columns after it, read from the white space that ends the name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryShortest<T, TTail>(ReadOnlySpan<char> line, int latestStart, int earliestStart,
        out Column name, out T tail) where TTail : ITailReader<T>
    {
        for (var start = latestStart; start >= earliestStart; start--)
        {
            // A name has at least one character.
            for (var end = start + 1; end < line.Length; end++)
            {
                if (char.IsWhiteSpace(line[end]) && TTail.TryRead(line, end, out tail))
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
