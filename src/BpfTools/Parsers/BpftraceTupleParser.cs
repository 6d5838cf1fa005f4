using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of BpfTools' bpftrace programs: bpftrace's own record types are handled
/// here, each print() tuple goes to <see cref="ReadTuple"/> (and each printed histogram map to
/// <see cref="ReadHistogram"/>), and a record of the wrong shape counts as unparsable.
/// </summary>
public abstract class BpftraceTupleParser<T> : IRecordParser<T> where T : class
{
    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<T> output)
    {
        Stats.CountLine();
        if (BpftraceJson.Common(line, Stats, out var tuple) is { } kind)
        {
            if (kind == LineKind.Ready)
            {
                OnAttached();
            }
            return kind;
        }
        try
        {
            kind = tuple.ValueKind == JsonValueKind.Array ? ReadTuple(tuple, output) : ReadHistogram(tuple, output);
            if (kind == LineKind.Record)
            {
                Stats.CountRecord();
            }
            if (kind != LineKind.Unparsable)
            {
                return kind;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            // Counted below like any other unreadable line.
        }
        Stats.CountUnparsed(line);
        return LineKind.Unparsable;
    }

    /// <inheritdoc/>
    public abstract void Flush(List<T> output);

    /// <summary>Reads one tuple (its first element names its kind); returns Record when it added one.</summary>
    protected abstract LineKind ReadTuple(JsonElement tuple, List<T> output);

    /// <summary>Called when bpftrace says its probes are attached: tracing starts now, not when it was launched.</summary>
    protected virtual void OnAttached()
    {
    }

    /// <summary>Reads the data of a "hist" record; only histogram parsers expect them.</summary>
    protected virtual LineKind ReadHistogram(JsonElement maps, List<T> output) => LineKind.Unparsable;
}
