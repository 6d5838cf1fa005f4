using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// One line of `bpftrace -f json`: {"type": "...", "data": ...}. BpfTools' programs print tuples, which
/// come as type "value" with an array; bpftrace adds "attached_probes" when tracing starts and
/// "lost_events" when the kernel dropped records.
/// </summary>
/// <remarks>
/// Tuples and those two notices are read first by <see cref="BpftraceJsonFastPath"/>, without JsonDocument;
/// this is the path for everything else ("hist" and "map" records, lines of another shape or malformed).
/// </remarks>
internal static class BpftraceJson
{
    internal const string Value = "value";
    internal const string AttachedProbes = "attached_probes";
    internal const string LostEvents = "lost_events";
    internal const string Hist = "hist";
    internal const string Map = "map";

    /// <summary>Parses a line; false when it is not a bpftrace JSON record.</summary>
    public static bool TryParse(string line, out string type, out JsonElement data)
    {
        type = "";
        data = default;
        if (line.Length == 0 || line[0] != '{')
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("data", out var dataElement))
            {
                return false;
            }
            type = typeElement.GetString()!;
            data = dataElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the lost-event count of a "lost_events" record.</summary>
    public static long LostCount(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("events", out var events) && events.TryGetInt64(out var n) ? n : 0;

    /// <summary>Reads the buckets of one hist() or lhist() map as (low, high, count).</summary>
    /// <remarks>
    /// hist()'s negative-values bucket and lhist()'s below-range bucket have no "min", lhist()'s above-range
    /// bucket no "max": each is then one bound wide, so a value out of range is counted, not lost.
    /// </remarks>
    public static IEnumerable<(long Low, long High, long Count)> Buckets(JsonElement buckets) =>
        buckets.EnumerateArray().Select(b =>
        {
            var low = b.TryGetProperty("min", out var min) ? min.GetInt64() : (long?)null;
            var high = b.TryGetProperty("max", out var max) ? max.GetInt64() : (long?)null;
            if (low is null && high is null)
            {
                throw new KeyNotFoundException("A histogram bucket with neither \"min\" nor \"max\".");
            }
            return (low ?? high!.Value, high ?? low!.Value, b.GetProperty("count").GetInt64());
        });

    /// <summary>
    /// Reads the buckets of one hist() or lhist() map as <see cref="Buckets(JsonElement)"/> does, from a reader on
    /// the array's '[' to its ']'. The same cases throw (a bucket that is not an object, without "count", with
    /// neither bound, a count that is not an integer), for the caller to count the line unparsable.
    /// </summary>
    public static List<(long Low, long High, long Count)> Buckets(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException("A histogram that is not an array of buckets.");
        }
        var buckets = new List<(long, long, long)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidOperationException("A histogram bucket that is not an object.");
            }
            long? low = null, high = null, count = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // As JsonDocument's TryGetProperty: the last of a repeated name counts; other names are ignored.
                var name = reader.ValueTextEquals("min"u8) ? 1 : reader.ValueTextEquals("max"u8) ? 2 : reader.ValueTextEquals("count"u8) ? 3 : 0;
                reader.Read();
                switch (name)
                {
                    case 1:
                        low = reader.GetInt64();
                        break;
                    case 2:
                        high = reader.GetInt64();
                        break;
                    case 3:
                        count = reader.GetInt64();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (low is null && high is null)
            {
                throw new KeyNotFoundException("A histogram bucket with neither \"min\" nor \"max\".");
            }
            buckets.Add((low ?? high!.Value, high ?? low!.Value, count ?? throw new KeyNotFoundException("A histogram bucket without \"count\".")));
        }
        return buckets;
    }

    /// <summary>
    /// Handles the record types every BpfTools program shares; returns null for a "value" tuple, a
    /// "hist" map or a plain "map", which the caller reads.
    /// </summary>
    public static LineKind? Common(string line, ParseStats stats, out JsonElement data)
    {
        if (!TryParse(line, out var type, out data))
        {
            if (line.Length == 0)
            {
                return LineKind.Ignored;
            }
            stats.CountUnparsed(line);
            return LineKind.Unparsable;
        }
        switch (type)
        {
            case Value when data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0:
            case Hist when data.ValueKind == JsonValueKind.Object:
            case Map when data.ValueKind == JsonValueKind.Object:
                return null;
            case AttachedProbes:
                return LineKind.Ready;
            case LostEvents:
                stats.CountLost(LostCount(data));
                return LineKind.Lost;
            default:
                stats.CountUnparsed(line);
                return LineKind.Unparsable;
        }
    }
}
