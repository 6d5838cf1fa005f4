using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>What <see cref="BpftraceJsonFastPath.Read"/> recognised.</summary>
internal enum FastRecord
{
    /// <summary>Not a shape the fast path reads: parse the line with JsonDocument (<see cref="BpftraceJson"/>).</summary>
    NotRecognised,
    /// <summary>{"type": "value", "data": [...]} with at least one element.</summary>
    Tuple,
    /// <summary>{"type": "attached_probes", "data": {"probes": N}}.</summary>
    AttachedProbes,
    /// <summary>{"type": "lost_events", "data": {"events": N}}.</summary>
    LostEvents,
}

/// <summary>
/// Reads the lines bpftrace prints most, a print() tuple and its two notices, straight from the string: no
/// JsonDocument, no UTF-8 copy, no per-line allocation. bpftrace writes {"type": "...", "data": ...} in that
/// order; whitespace may vary. Anything else (a "hist" or "map" record, keys in another order, a malformed
/// line) is NotRecognised and goes to <see cref="BpftraceJson"/>, so what is accepted and what is counted
/// unparsable stays exactly as with JsonDocument alone.
/// </summary>
internal static class BpftraceJsonFastPath
{
    // A tuple's start exactly as bpftrace prints it: one comparison instead of token by token.
    private const string PrintedTuple = "{\"type\": \"value\", \"data\": ";

    /// <summary>Recognises the line; for a tuple, its elements are scanned into <paramref name="elements"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FastRecord Read(ReadOnlySpan<char> text, ref TupleElement[] elements, out BpftraceTuple tuple, out long lostEvents)
    {
        tuple = default;
        lostEvents = 0;
        if (text.StartsWith(PrintedTuple))
        {
            return Tuple(text, PrintedTuple.Length, ref elements, out tuple);
        }
        var i = 0;
        if (!Token(text, ref i, "{") || !Token(text, ref i, "\"type\"") || !Token(text, ref i, ":") || !Token(text, ref i, "\""))
        {
            return FastRecord.NotRecognised;
        }
        // The type name: a plain word, so no escapes to consider.
        var typeLength = text[i..].IndexOf('"');
        if (typeLength < 0)
        {
            return FastRecord.NotRecognised;
        }
        var type = text.Slice(i, typeLength);
        i += typeLength + 1;
        if (!Token(text, ref i, ",") || !Token(text, ref i, "\"data\"") || !Token(text, ref i, ":"))
        {
            return FastRecord.NotRecognised;
        }
        i = JsonTupleScanner.SkipWhitespace(text, i);
        switch (type)
        {
            case BpftraceJson.Value:
                return Tuple(text, i, ref elements, out tuple);
            case BpftraceJson.AttachedProbes:
                return Count(text, i, "\"probes\"", out _) ? FastRecord.AttachedProbes : FastRecord.NotRecognised;
            case BpftraceJson.LostEvents:
                return Count(text, i, "\"events\"", out lostEvents) ? FastRecord.LostEvents : FastRecord.NotRecognised;
            default:
                return FastRecord.NotRecognised;
        }
    }

    /// <summary>Reads the tuple at <paramref name="i"/> and the end of the line.</summary>
    private static FastRecord Tuple(ReadOnlySpan<char> text, int i, ref TupleElement[] elements, out BpftraceTuple tuple)
    {
        i = JsonTupleScanner.Scan(text, i, ref elements, out var count, skipNested: false);
        if (i < 0 || count == 0 || !End(text, i))
        {
            tuple = default;
            return FastRecord.NotRecognised;
        }
        tuple = new BpftraceTuple(text, elements.AsSpan(0, count));
        return FastRecord.Tuple;
    }

    /// <summary>Reads {"key": N}}, the data of a notice and the end of the line.</summary>
    private static bool Count(ReadOnlySpan<char> text, int i, string key, out long value)
    {
        value = 0;
        if (!Token(text, ref i, "{") || !Token(text, ref i, key) || !Token(text, ref i, ":"))
        {
            return false;
        }
        i = JsonTupleScanner.SkipWhitespace(text, i);
        var start = i;
        // Small non-negative counts only; anything else is left to JsonDocument.
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 18)
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }
        var digits = i - start;
        return digits > 0 && (digits == 1 || text[start] != '0') && Token(text, ref i, "}") && End(text, i);
    }

    /// <summary>Whether the rest of the line is the record's closing brace.</summary>
    private static bool End(ReadOnlySpan<char> text, int i) =>
        Token(text, ref i, "}") && JsonTupleScanner.SkipWhitespace(text, i) == text.Length;

    /// <summary>Skips whitespace, then <paramref name="token"/>; false when it is not there.</summary>
    private static bool Token(ReadOnlySpan<char> text, ref int i, string token)
    {
        i = JsonTupleScanner.SkipWhitespace(text, i);
        if (!text[i..].StartsWith(token))
        {
            return false;
        }
        i += token.Length;
        return true;
    }
}
