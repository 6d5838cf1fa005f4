using System.Globalization;
using System.Text.Json;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads histograms from BpfTools' bpftrace programs: an ["end", nsecs, unit] tuple closes each window
/// (and says the unit, an index into the parser's units: by default 0 for usecs, 1 for msecs), then
/// {"type": "hist"} records follow, one map each: unkeyed (@all) or keyed (@disk, @flags, @pid...).
/// </summary>
internal sealed class BpftraceHistogramParser : BpftraceTupleParser<BpfHistogram>
{
    private readonly string _tool;
    private string _unit;
    private readonly TraceClock _clock;
    private readonly Func<string, string, string> _keyName;
    private readonly string[] _units;
    private DateTime _windowStart;
    private DateTime _windowEnd;

    /// <summary>Creates a parser.</summary>
    /// <param name="tool">The tool name the histograms carry (biolatency).</param>
    /// <param name="clock">Turns nsecs into wall-clock time.</param>
    /// <param name="keyName">Turns a map key into its display form, given the key kind (a dev_t into "vda").</param>
    /// <param name="units">The units the program's "end" tuple picks from; by default usecs and msecs.</param>
    public BpftraceHistogramParser(string tool, TraceClock? clock = null, Func<string, string, string>? keyName = null, string[]? units = null)
    {
        _units = units ?? ["usecs", "msecs"];
        _unit = _units[0];
        _tool = tool;
        _clock = clock ?? TraceClock.System;
        _keyName = keyName ?? ((_, key) => key);
        _windowStart = _windowEnd = _clock.Now;
    }

    /// <inheritdoc/>
    /// <remarks>The first window starts when the probes attach, after bpftrace has compiled the program.</remarks>
    protected override void OnAttached() => _windowStart = _windowEnd = _clock.Now;

    /// <inheritdoc/>
    public override void Flush(List<BpfHistogram> output)
    {
        // Every histogram is complete in its own record.
    }

    /// <inheritdoc/>
    protected override LineKind ReadMaps(ref Utf8JsonReader reader, BpftraceMapRecord maps, List<BpfHistogram> output)
    {
        // Kept aside until the whole record is read: a map of the wrong shape adds none of its histograms.
        var read = new List<BpfHistogram>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // "@all" is the one histogram; any other map name is what it is keyed by.
            var name = reader.GetString()!;
            var kind = name == "@all" ? "" : name.TrimStart('@');
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                read.Add(Histogram(kind, "", ref reader));
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Unparsable;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = _keyName(kind, reader.GetString()!);
                reader.Read();
                read.Add(Histogram(kind, key, ref reader));
            }
        }
        output.AddRange(read);
        return read.Count > 0 ? LineKind.Record : LineKind.Ignored;
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<BpfHistogram> output)
    {
        if (!tuple.Is(0, "end"))
        {
            return LineKind.Unparsable;
        }
        var unit = tuple.Int64(2);
        if (unit < 0 || unit >= _units.Length)
        {
            return LineKind.Unparsable;
        }
        _windowStart = _windowEnd;
        _windowEnd = _clock.FromMonotonic(tuple.Int64(1));
        _unit = _units[unit];
        return LineKind.Pending;
    }

    private BpfHistogram Histogram(string kind, string key, ref Utf8JsonReader buckets) =>
        BpfHistogram.Create(_tool, kind, key, _unit, _windowStart, _windowEnd, BpftraceJson.Buckets(ref buckets));
}
