using System.Globalization;
using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>
/// One print() tuple of a bpftrace program, read in place: its elements are positions in the line, so reading a
/// number or comparing a tag allocates nothing, and only the strings a record keeps are made.
/// </summary>
/// <remarks>
/// Reading an element as the wrong kind throws FormatException, and reading past the end IndexOutOfRangeException;
/// <see cref="BpftraceTupleParser{T}"/> counts either as an unparsable line, as it did JsonElement's exceptions.
/// </remarks>
internal readonly ref struct BpftraceTuple
{
    private readonly ReadOnlySpan<char> _text;
    private readonly ReadOnlySpan<TupleElement> _elements;
    private readonly StringCache? _strings;

    internal BpftraceTuple(ReadOnlySpan<char> text, ReadOnlySpan<TupleElement> elements, StringCache? strings = null)
    {
        _text = text;
        _elements = elements;
        _strings = strings;
    }

    /// <summary>The same tuple, its short strings shared through <paramref name="strings"/>.</summary>
    internal BpftraceTuple SharingStrings(StringCache strings) => new(_text, _elements, strings);

    /// <summary>How many elements the tuple has.</summary>
    public int Count => _elements.Length;

    /// <summary>Whether element <paramref name="index"/> is the string <paramref name="value"/> (ordinal); false for a non-string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Is(int index, string value)
    {
        var element = _elements[index];
        var raw = _text.Slice(element.Start, element.Length);
        return element.Kind switch
        {
            TupleElementKind.String => raw.SequenceEqual(value),
            TupleElementKind.EscapedString => JsonEscape.ValueEquals(raw, value),
            _ => false,
        };
    }

    /// <summary>
    /// Element <paramref name="index"/> as a string; JSON null reads as "" (as JsonElement.GetString() ?? "" did).
    /// A short string read again may be the same instance as before: strings are immutable, so records can share it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string String(int index)
    {
        var element = _elements[index];
        var raw = _text.Slice(element.Start, element.Length);
        switch (element.Kind)
        {
            case TupleElementKind.String:
                return _strings is not null ? _strings.Get(raw) : new string(raw);
            case TupleElementKind.EscapedString:
                // string.Create cannot take the span itself; unescaping into a stack (or, for a long string,
                // one-off) buffer and copying costs a copy, but allocates only the string.
                var length = JsonEscape.UnescapedLength(raw);
                if (length <= 512)
                {
                    Span<char> value = stackalloc char[length];
                    JsonEscape.Unescape(raw, value);
                    return new string(value);
                }
                var buffer = new char[length];
                JsonEscape.Unescape(raw, buffer);
                return new string(buffer);
            case TupleElementKind.Null:
                return "";
            default:
                throw NotA("string", index);
        }
    }

    /// <summary>What element <paramref name="index"/> is, for a reader that takes any kind (Invoke-BpfTrace).</summary>
    public TupleElementKind KindOf(int index) => _elements[index].Kind;

    /// <summary>A <see cref="TupleElementKind.Number"/> (or integer) element as a double, as JsonElement.GetDouble reads it.</summary>
    public double Double(int index)
    {
        var element = _elements[index];
        return element.Kind switch
        {
            TupleElementKind.Integer => element.Integer,
            TupleElementKind.Number => double.Parse(_text.Slice(element.Start, element.Length), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw NotA("number", index),
        };
    }

    /// <summary>Element <paramref name="index"/> as a 64-bit integer; FormatException when it is not an integer in range.</summary>
    public long Int64(int index)
    {
        var element = _elements[index];
        return element.Kind == TupleElementKind.Integer ? element.Integer : throw NotA("64-bit integer", index);
    }

    /// <summary>Element <paramref name="index"/> as a 32-bit integer; FormatException when it is not one.</summary>
    public int Int32(int index)
    {
        var value = Int64(index);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw NotA("32-bit integer", index);
    }

    /// <summary>Element <paramref name="index"/> as a 16-bit unsigned integer (a port); FormatException when it is not one.</summary>
    public ushort UInt16(int index)
    {
        var value = Int64(index);
        return value is >= ushort.MinValue and <= ushort.MaxValue ? (ushort)value : throw NotA("16-bit unsigned integer", index);
    }

    private FormatException NotA(string what, int index) =>
        new($"Tuple element {index} is not a {what}: {_text.Slice(_elements[index].Start, _elements[index].Length)}");
}
