using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the lines an admin's program prints most, flat print() tuples and printf lines, with a Utf8JsonReader
/// instead of a JsonDocument: no document, no copies but the values. Anything else (maps, nested tuples, other
/// spacing, bad JSON) is left to <see cref="BpfTraceOutputParser"/>'s JsonDocument path.
/// </summary>
internal static class BpfTraceFastPath
{
    /// <summary>Reads <paramref name="line"/> into a row; false when the slow path must read it.</summary>
    /// <param name="line">One line of bpftrace's output.</param>
    /// <param name="delimiter">Splits a printf line into fields, or null.</param>
    /// <param name="elements">The caller's reused buffer for a tuple's element positions.</param>
    /// <param name="strings">The caller's cache, through which a tuple's repeated short strings (a COMM) are shared.</param>
    /// <param name="row">The row read.</param>
    public static bool TryRead(string line, string? delimiter, ref TupleElement[] elements, StringCache strings, out BpfTraceRow? row)
    {
        // A flat tuple of numbers and strings, the bulk of an event stream, is read in place by the scanner the
        // bundled programs' parsers use: no UTF-8 copy and no JSON reader, several times faster.
        if (BpftraceJsonFastPath.Read(line, ref elements, out var tuple, out _) == FastRecord.Tuple && TryValues(tuple.SharingStrings(strings), out row))
        {
            return true;
        }
        row = null;
        // Only what bpftrace writes for a tuple or a printf: {"type": "value"... or {"type": "printf"...
        if (!line.StartsWith("{\"type\": \"value\"", StringComparison.Ordinal) && !line.StartsWith("{\"type\": \"printf\"", StringComparison.Ordinal))
        {
            return false;
        }
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length));
            return Read(ref reader, delimiter, out row);
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The tuple's elements as values; false for true/false (left to the JSON reader, which types them).</summary>
    private static bool TryValues(BpftraceTuple tuple, out BpfTraceRow? row)
    {
        row = null;
        var values = new object?[tuple.Count];
        for (var i = 0; i < values.Length; i++)
        {
            switch (tuple.KindOf(i))
            {
                case TupleElementKind.Integer:
                    values[i] = tuple.Int64(i);
                    break;
                case TupleElementKind.Number:
                    values[i] = tuple.Double(i);
                    break;
                case TupleElementKind.String or TupleElementKind.EscapedString:
                    values[i] = tuple.String(i);
                    break;
                case TupleElementKind.Null:
                    values[i] = null;
                    break;
                default:
                    return false;
            }
        }
        row = new BpfTraceRow(values, false);
        return true;
    }

    private static bool Read(ref Utf8JsonReader reader, string? delimiter, out BpfTraceRow? row)
    {
        row = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || !reader.ValueTextEquals("type")
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }
        var isValue = reader.ValueTextEquals("value");
        if (!reader.Read() || !reader.ValueTextEquals("data") || !reader.Read())
        {
            return false;
        }
        if (!isValue)
        {
            // A printf of one line: one of several lines is the slow path's.
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
            var text = reader.GetString()!;
            var end = text.EndsWith('\n') ? text.Length - 1 : text.Length;
            if (text.AsSpan(0, end).Contains('\n'))
            {
                return false;
            }
            row = BpfTraceRow.Line(text[..end], delimiter);
        }
        else
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }
            var values = new List<object?>(8);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        // Boxed apart: a conditional of long and double would make every number a double.
                        values.Add(reader.TryGetInt64(out var n) ? (object)n : reader.GetDouble());
                        break;
                    case JsonTokenType.String:
                        values.Add(reader.GetString());
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        values.Add(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        values.Add(null);
                        break;
                    default:
                        // A nested tuple.
                        return false;
                }
            }
            row = new BpfTraceRow([.. values], false);
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            row = null;
            return false;
        }
        return true;
    }
}
