using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of BpfTools' bpftrace programs: bpftrace's own record types are handled
/// here, each print() tuple goes to <see cref="ReadTuple"/> (and each printed map, "hist" or "map", to
/// <see cref="ReadMaps(ref Utf8JsonReader, BpftraceMapRecord, List{T})"/>), and a record of the wrong shape counts as unparsable.
/// </summary>
/// <remarks>
/// Tuples and notices, nearly every line, are read in place by <see cref="BpftraceJsonFastPath"/>; "hist" and
/// "map" records with a Utf8JsonReader over their bytes (<see cref="BpftraceMapRecord"/>); the rest (odd or
/// malformed lines) goes through JsonDocument as before.
/// </remarks>
internal abstract class BpftraceTupleParser<T> : IRecordParser<T> where T : class
{
    // Where the current tuple's elements are; reused from line to line (one parser reads one tool's output).
    private TupleElement[] _elements = new TupleElement[16];

    // comm names and the like, made once and shared by the records that repeat them.
    private readonly StringCache _strings = new();

    // Printed maps' lines as UTF-8, in a buffer reused from line to line.
    private readonly BpftraceMapRecord _maps = new();

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<T> output) => Parse(line, line, output);

    /// <inheritdoc/>
    public LineKind Parse(ReadOnlySpan<char> line, List<T> output) => Parse(line, null, output);

    /// <summary>
    /// Reads <paramref name="line"/> (<paramref name="text"/> is the same line as a string, when the caller has one):
    /// tuples and notices in place; printed maps and odd lines, few or rare, as a string.
    /// </summary>
    /// <remarks>
    /// This and <see cref="Read(ReadOnlySpan{char}, BpftraceTuple, List{T})"/> are compiled fully optimized at once,
    /// as OneLineRecordParser's: code shared by every bpftrace parser must not be shaped by the first one's profile.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LineKind Parse(ReadOnlySpan<char> line, string? text, List<T> output)
    {
        Stats.CountLine();
        switch (BpftraceJsonFastPath.Read(line, ref _elements, out var tuple, out var lost))
        {
            case FastRecord.Tuple:
                return Read(line, tuple, output);
            case FastRecord.AttachedProbes:
                OnAttached();
                return LineKind.Ready;
            case FastRecord.LostEvents:
                Stats.CountLost(lost);
                return LineKind.Lost;
            default:
                return ParseMaps(text ?? line.ToString(), output);
        }
    }

    /// <inheritdoc/>
    public abstract void Flush(List<T> output);

    /// <summary>Reads one tuple (its first element names its kind); returns Record when it added one.</summary>
    protected abstract LineKind ReadTuple(BpftraceTuple tuple, List<T> output);

    /// <summary>Called when bpftrace says its probes are attached: tracing starts now, not when it was launched.</summary>
    protected virtual void OnAttached()
    {
    }

    /// <summary>
    /// Reads the data of a "hist" or "map" record, from its opening brace to its closing one: only parsers of
    /// programs that print maps expect them. The JSON is valid (checked before); its shape is not.
    /// </summary>
    /// <remarks><paramref name="maps"/> holds the bytes the reader reads: it gives a value's raw text.</remarks>
    protected virtual LineKind ReadMaps(ref Utf8JsonReader reader, BpftraceMapRecord maps, List<T> output) => LineKind.Unparsable;

    private LineKind ParseMaps(string line, List<T> output)
    {
        switch (_maps.Start(line, out var reader))
        {
            case MapLine.Maps:
                return Count(line, ReadMaps(reader, output));
            case MapLine.Invalid:
                return Count(line, LineKind.Unparsable);
            default:
                return ParseWithJsonDocument(line, output);
        }
    }

    // Reads a printed map's data; a value of the wrong shape makes the line unparsable.
    private LineKind ReadMaps(Utf8JsonReader reader, List<T> output)
    {
        try
        {
            return ReadMaps(ref reader, _maps, output);
        }
        catch (Exception e) when (IsUnreadable(e) || e is JsonException)
        {
            return LineKind.Unparsable;
        }
    }

    private LineKind ParseWithJsonDocument(string line, List<T> output)
    {
        if (BpftraceJson.Common(line, Stats, out var data) is { } kind)
        {
            if (kind == LineKind.Ready)
            {
                OnAttached();
            }
            return kind;
        }
        if (data.ValueKind != JsonValueKind.Array)
        {
            // A map record printed some other way (keys in another order, more of them): its data, read the same way.
            var reader = _maps.Over(data.GetRawText());
            reader.Read();
            return Count(line, ReadMaps(reader, output));
        }
        // A tuple the fast path did not take (odd spacing, a nested value): JsonDocument has validated it, so
        // its text scans, nested values skipped.
        var text = data.GetRawText();
        return JsonTupleScanner.Scan(text, 0, ref _elements, out var count, skipNested: true) < 0
            ? Count(line, LineKind.Unparsable)
            : Read(line, new BpftraceTuple(text, _elements.AsSpan(0, count)), output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LineKind Read(ReadOnlySpan<char> line, BpftraceTuple tuple, List<T> output)
    {
        LineKind kind;
        try
        {
            kind = ReadTuple(tuple.SharingStrings(_strings), output);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            kind = LineKind.Unparsable;
        }
        return Count(line, kind);
    }

    private LineKind Count(ReadOnlySpan<char> line, LineKind kind)
    {
        if (kind == LineKind.Record)
        {
            Stats.CountRecord();
        }
        else if (kind == LineKind.Unparsable)
        {
            Stats.CountUnparsed(line.ToString());
        }
        return kind;
    }

    // What reading an element of the wrong kind, or one past the end, throws.
    private static bool IsUnreadable(Exception e) => e is InvalidOperationException or IndexOutOfRangeException or FormatException or KeyNotFoundException;
}
