namespace BpfTools.Parsers;

/// <summary>What a scanned JSON array element is, as far as reading it needs to know.</summary>
internal enum TupleElementKind : byte
{
    /// <summary>-?digits within a long's range, its value read already.</summary>
    Integer,
    /// <summary>Any other number, with a fraction, an exponent or beyond a long: not an Int64, as for JsonElement.GetInt64.</summary>
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
internal readonly struct TupleElement
{
    public TupleElement(int start, int length, TupleElementKind kind)
    {
        Start = start;
        Length = length;
        Kind = kind;
    }

    /// <summary>An integer element, with its value.</summary>
    public TupleElement(int start, int length, long integer)
    {
        Start = start;
        Length = length;
        Kind = TupleElementKind.Integer;
        Integer = integer;
    }

    public int Start { get; }

    public int Length { get; }

    public TupleElementKind Kind { get; }

    /// <summary>The value of an <see cref="TupleElementKind.Integer"/> element.</summary>
    public long Integer { get; }
}
