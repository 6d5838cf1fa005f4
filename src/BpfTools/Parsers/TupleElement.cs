namespace BpfTools.Parsers;

/// <summary>What a scanned JSON array element is, as far as reading it needs to know.</summary>
internal enum TupleElementKind : byte
{
    /// <summary>-?digits: an integer (not yet checked for range).</summary>
    Integer,
    /// <summary>A number with a fraction or an exponent: never an integer, as for JsonElement.GetInt64.</summary>
    Number,
    /// <summary>A string without escapes: the characters between the quotes are its value.</summary>
    String,
    /// <summary>A string with backslash escapes, unescaped when read.</summary>
    EscapedString,
    /// <summary>The literal null.</summary>
    Null,
    /// <summary>true, false, or a nested array or object: nothing a tuple reader reads.</summary>
    Other,
}

/// <summary>
/// Where one element of a JSON array sits in its line: a string's characters between its quotes, or a
/// number's or literal's token. Held in a reused array, so scanning a line allocates nothing.
/// </summary>
internal readonly struct TupleElement(int start, int length, TupleElementKind kind)
{
    public int Start { get; } = start;

    public int Length { get; } = length;

    public TupleElementKind Kind { get; } = kind;
}
