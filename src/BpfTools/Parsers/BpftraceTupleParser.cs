using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of BpfTools' bpftrace programs: bpftrace's own record types are handled
/// here, each print() tuple goes to <see cref="ReadTuple"/> (and each printed histogram map to
/// <see cref="ReadHistogram"/>), and a record of the wrong shape counts as unparsable.
/// </summary>
/// <remarks>
/// Tuples and notices, nearly every line, are read in place by <see cref="BpftraceJsonFastPath"/>; the rest
/// ("hist" and "map" records, odd or malformed lines) goes through JsonDocument as before.
/// </remarks>
internal abstract class BpftraceTupleParser<T> : IRecordParser<T> where T : class
{
    // Where the current tuple's elements are; reused from line to line (one parser reads one tool's output).
    private TupleElement[] _elements = new TupleElement[16];

    // comm names and the like, made once and shared by the records that repeat them.
    private readonly StringCache _strings = new();

    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<T> output)
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
                return ParseWithJsonDocument(line, output);
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

    /// <summary>Reads the data of a "hist" record; only histogram parsers expect them.</summary>
    protected virtual LineKind ReadHistogram(JsonElement maps, List<T> output) => LineKind.Unparsable;

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
            LineKind read;
            try
            {
                read = ReadHistogram(data, output);
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                read = LineKind.Unparsable;
            }
            return Count(line, read);
        }
        // A tuple the fast path did not take (odd spacing, a nested value): JsonDocument has validated it, so
        // its text scans, nested values skipped.
        var text = data.GetRawText();
        return JsonTupleScanner.Scan(text, 0, ref _elements, out var count, skipNested: true) < 0
            ? Count(line, LineKind.Unparsable)
            : Read(line, new BpftraceTuple(text, _elements.AsSpan(0, count)), output);
    }

    private LineKind Read(string line, BpftraceTuple tuple, List<T> output)
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

    private LineKind Count(string line, LineKind kind)
    {
        if (kind == LineKind.Record)
        {
            Stats.CountRecord();
        }
        else if (kind == LineKind.Unparsable)
        {
            Stats.CountUnparsed(line);
        }
        return kind;
    }

    // What reading an element of the wrong kind, or one past the end, throws.
    private static bool IsUnreadable(Exception e) => e is InvalidOperationException or IndexOutOfRangeException or FormatException or KeyNotFoundException;
}
