namespace BpfTools.Parsers;

/// <summary>Where a column's text lies in a line: <c>[Start, End)</c>; an optional column that is absent has a negative start.</summary>
internal readonly record struct Column(int Start, int End)
{
    /// <summary>An optional column the line does not have.</summary>
    public static readonly Column Absent = new(-1, -1);

    /// <summary>False for <see cref="Absent"/>.</summary>
    public bool IsPresent => Start >= 0;

    /// <summary>The column's text in <paramref name="line"/>.</summary>
    public ReadOnlySpan<char> In(ReadOnlySpan<char> line) => line[Start..End];
}
