using System.Globalization;
using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads what an admin's own program prints under `bpftrace -f json`: print() tuples and values, and printf (and
/// time, join, system) lines whole or split into fields, become <see cref="BpfTraceRow"/>s,
/// printed maps one <see cref="BpfTraceMapEntry"/> per key, and hist/lhist maps <see cref="BpfHistogram"/>s.
/// </summary>
/// <remarks>
/// Unlike the bundled programs' parsers, nothing here knows the shape of a line in advance, so each line goes
/// through JsonDocument. A histogram's window runs from the previous print of the same map (or the attach) to now.
/// </remarks>
internal sealed class BpfTraceOutputParser : IRecordParser<object>
{
    private readonly string? _delimiter;
    private readonly string _unit;
    private readonly TraceClock _clock;
    private readonly Dictionary<string, DateTime> _lastPrinted = new(StringComparer.Ordinal);
    private DateTime _attached;
    private TupleElement[] _elements = new TupleElement[8];
    private readonly StringCache _strings = new();

    /// <summary>Creates a parser.</summary>
    /// <param name="delimiter">Splits printf lines into fields (-Delimiter), or null to keep them whole.</param>
    /// <param name="unit">The unit histograms are measured in (-Unit), or empty.</param>
    /// <param name="clock">The time of printing.</param>
    public BpfTraceOutputParser(string? delimiter, string unit, TraceClock? clock = null)
    {
        _delimiter = delimiter;
        _unit = unit;
        _clock = clock ?? TraceClock.System;
        _attached = _clock.Now;
    }

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public void Flush(List<object> output)
    {
        // Every record is whole on its line.
    }

    /// <inheritdoc/>
    public LineKind Parse(string line, List<object> output)
    {
        Stats.CountLine();
        if (line.Length == 0)
        {
            // bpftrace separates the maps it prints at exit from the rest by blank lines.
            return LineKind.Ignored;
        }
        if (BpfTraceFastPath.TryRead(line, _delimiter, ref _elements, _strings, out var row))
        {
            output.Add(row!);
            Stats.CountRecord();
            return LineKind.Record;
        }
        var before = output.Count;
        LineKind kind;
        try
        {
            using var document = JsonDocument.Parse(line);
            kind = Read(document.RootElement, output);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            output.RemoveRange(before, output.Count - before);
            kind = LineKind.Unparsable;
        }
        if (kind == LineKind.Unparsable)
        {
            Stats.CountUnparsed(line);
        }
        for (var i = before; i < output.Count; i++)
        {
            Stats.CountRecord();
        }
        return kind;
    }

    private LineKind Read(JsonElement root, List<object> output)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("data", out var data))
        {
            return LineKind.Unparsable;
        }
        switch (type.GetString())
        {
            case "attached_probes":
                _attached = _clock.Now;
                return LineKind.Ready;
            case "lost_events":
                Stats.CountLost(data.GetProperty("events").GetInt64());
                return LineKind.Lost;
            case "value":
                output.Add(new BpfTraceRow(data.ValueKind == JsonValueKind.Array ? [.. data.EnumerateArray().Select(Value)] : [Value(data)], false));
                return LineKind.Record;
            case "printf" or "time" or "join" or "syscall":
                foreach (var text in Lines(data.GetString()!))
                {
                    output.Add(BpfTraceRow.Line(text, _delimiter));
                }
                return output.Count > 0 ? LineKind.Record : LineKind.Ignored;
            case "hist":
                return ReadMaps(data, output, Histograms);
            case "map" or "stats":
                return ReadMaps(data, output, Entries);
            default:
                return LineKind.Unparsable;
        }
    }

    // One printf call may print several lines, or end without a newline.
    private static IEnumerable<string> Lines(string text) =>
        (text.EndsWith('\n') ? text[..^1] : text).Split('\n');

    private LineKind ReadMaps(JsonElement data, List<object> output, Action<string, JsonElement, DateTime, List<object>> read)
    {
        var now = _clock.Now;
        foreach (var map in data.EnumerateObject())
        {
            read(map.Name, map.Value, now, output);
        }
        return LineKind.Record;
    }

    private void Histograms(string map, JsonElement value, DateTime now, List<object> output)
    {
        var start = _lastPrinted.TryGetValue(map, out var last) ? last : _attached;
        _lastPrinted[map] = now;
        var kind = map.TrimStart('@');
        if (value.ValueKind == JsonValueKind.Array)
        {
            output.Add(Histogram(kind, "", value, start, now));
            return;
        }
        foreach (var keyed in value.EnumerateObject())
        {
            output.Add(Histogram(kind, keyed.Name, keyed.Value, start, now));
        }
    }

    private BpfHistogram Histogram(string kind, string key, JsonElement buckets, DateTime start, DateTime end) =>
        BpfHistogram.Create("bpftrace", kind, key, _unit, start, end, BpftraceJson.Buckets(buckets));

    private static void Entries(string map, JsonElement value, DateTime now, List<object> output)
    {
        if (value.ValueKind != JsonValueKind.Object || IsStats(value))
        {
            output.Add(Entry(map, null, value, now));
            return;
        }
        foreach (var keyed in value.EnumerateObject())
        {
            output.Add(Entry(map, BpfTraceRow.Field(keyed.Name), keyed.Value, now));
        }
    }

    private static BpfTraceMapEntry Entry(string map, object? key, JsonElement value, DateTime now) => IsStats(value)
        ? new BpfTraceMapEntry
        {
            Timestamp = now, MapName = map, Key = key, Value = value.GetProperty("average").GetInt64(),
            Count = value.GetProperty("count").GetInt64(), Total = value.GetProperty("total").GetInt64(),
        }
        : new BpfTraceMapEntry { Timestamp = now, MapName = map, Key = key, Value = Value(value) };

    // An unkeyed stats() map prints {"count", "average", "total"} where a keyed map would print its keys.
    private static bool IsStats(JsonElement value) => value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number
        && value.TryGetProperty("average", out var a) && a.ValueKind == JsonValueKind.Number
        && value.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number;

    /// <summary>A JSON value as a typed .NET value: long (double past its range), string, bool, object[], or null.</summary>
    internal static object? Value(JsonElement element) => element.ValueKind switch
    {
        // Boxed apart: a conditional of long and double would make every number a double.
        JsonValueKind.Number => element.TryGetInt64(out var n) ? (object)n : element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}

/// <summary>
/// A print() tuple or value, or a printf line, as Invoke-BpfTrace read it: its values, which the cmdlet names
/// (-Property) on the pipeline thread, where PowerShell's objects are made.
/// </summary>
/// <param name="Values">The tuple's elements, or the line's fields; a line kept whole is one string.</param>
/// <param name="IsText">A printf line kept whole (no -Delimiter): its one value is named Text.</param>
internal sealed record BpfTraceRow(object?[] Values, bool IsText)
{
    /// <summary>A printf line: whole, or split at <paramref name="delimiter"/> into fields (whole numbers as long).</summary>
    public static BpfTraceRow Line(string line, string? delimiter) =>
        delimiter is null ? new([line], true) : new([.. line.Split(delimiter).Select(Field)], false);

    // A field that is exactly a whole number's text ("42", "-1", not "007" or " 5") is the number.
    internal static object Field(string field) =>
        long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == field ? n : field;
}
