using System.Text;
using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>What <see cref="BpftraceMapRecord.Start"/> found.</summary>
internal enum MapLine
{
    /// <summary>Not {"type": "hist"|"map", "data": {...}} in that order: parse the line with JsonDocument.</summary>
    NotMaps,
    /// <summary>A printed map record, valid JSON to its end: the reader is on the data's opening brace.</summary>
    Maps,
    /// <summary>A printed map record that is not valid JSON (cut off, garbage after it): unparsable.</summary>
    Invalid,
}

/// <summary>
/// Reads bpftrace's printed maps, {"type": "hist", "data": {...}} and {"type": "map", "data": {...}}, with
/// Utf8JsonReader over the line's UTF-8 bytes, encoded once into a buffer that is reused from line to line: no
/// JsonDocument, no copy of each element. These lines are long (a histogram or a stack total per thread, tens
/// of KB) and come once per interval; the parser bench measured JsonDocument at 10 KB and 53 KB allocated per
/// line on them, and Utf8JsonReader 1.1x to 6x faster (BENCHMARKS.md, issue #11).
/// </summary>
/// <remarks>
/// A line is handed on only once the whole of it has been read as valid JSON (a copy of the reader skips the
/// data), so a cut-off map is unparsable before any of it is used, as with JsonDocument.
/// </remarks>
internal sealed class BpftraceMapRecord
{
    private byte[] _bytes = new byte[4096];

    /// <summary>Reads the record's start and checks the rest; on <see cref="MapLine.Maps"/> the reader is on the data.</summary>
    public MapLine Start(string line, out Utf8JsonReader data)
    {
        data = default;
        if (!line.StartsWith('{'))
        {
            // Blank lines and text: JsonDocument's path tells them apart.
            return MapLine.NotMaps;
        }
        data = Over(line);
        try
        {
            if (!Next(ref data, JsonTokenType.StartObject) || !Name(ref data, "type") || !Next(ref data, JsonTokenType.String)
                || !(data.ValueTextEquals(BpftraceJson.Hist) || data.ValueTextEquals(BpftraceJson.Map))
                || !Name(ref data, "data") || !Next(ref data, JsonTokenType.StartObject))
            {
                return MapLine.NotMaps;
            }
            // Any other property after "data" is left to JsonDocument, which takes it as before.
            var rest = data;
            rest.Skip();
            return Next(ref rest, JsonTokenType.EndObject) && !rest.Read() ? MapLine.Maps : MapLine.NotMaps;
        }
        catch (JsonException)
        {
            return MapLine.Invalid;
        }
    }

    /// <summary>A reader over <paramref name="json"/>, encoded into the reused buffer (valid JSON: JsonDocument's raw text).</summary>
    public Utf8JsonReader Over(string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        if (_bytes.Length < length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }
        var written = Encoding.UTF8.GetBytes(json, _bytes);
        return new Utf8JsonReader(_bytes.AsSpan(0, written));
    }

    /// <summary>The raw JSON text of the value the reader is on (an object or array whole), for a warning.</summary>
    /// <remarks>The reader must be one this instance made last; it is left on the value's last token.</remarks>
    public string RawText(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(_bytes, start, (int)reader.BytesConsumed - start);
    }

    private static bool Next(ref Utf8JsonReader reader, JsonTokenType type) => reader.Read() && reader.TokenType == type;

    private static bool Name(ref Utf8JsonReader reader, string name) =>
        Next(ref reader, JsonTokenType.PropertyName) && reader.ValueTextEquals(name);
}
