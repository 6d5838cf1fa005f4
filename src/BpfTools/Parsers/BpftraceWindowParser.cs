using System.Text.Json;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of bpftrace programs that count in maps and print them per window (syscount.bt,
/// biopattern.bt): ["start", nsecs] opens the first window; the window's maps come next (numbers, or strings such as
/// a comm), then an ["interval", nsecs] tuple closes it, or ["end", nsecs] the last one. A closed window's maps go to
/// <see cref="Rows"/>, and are then forgotten: each window is counted afresh.
/// </summary>
internal abstract class BpftraceWindowParser<T> : BpftraceTupleParser<T> where T : class
{
    private readonly TraceClock _clock;
    private readonly Dictionary<string, Dictionary<string, long>> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _strings = new(StringComparer.Ordinal);
    private DateTime _start;

    /// <summary>Creates a parser reading <paramref name="clock"/>.</summary>
    protected BpftraceWindowParser(TraceClock? clock)
    {
        _clock = clock ?? TraceClock.System;
        _start = _clock.Now;
    }

    /// <inheritdoc/>
    protected override void OnAttached() => _start = _clock.Now;

    /// <summary>The records of a window from its maps: a numeric map by name (null when it was not printed) and a string one.</summary>
    protected abstract List<T> Rows(DateTime start, DateTime end, Func<string, Dictionary<string, long>?> numbers,
        Func<string, Dictionary<string, string>?> strings);

    /// <inheritdoc/>
    public override void Flush(List<T> output)
    {
        if (_numbers.Count > 0 || _strings.Count > 0)
        {
            Stats.Warn("bpftrace's output stopped in the middle of a window: its counts were dropped.");
        }
    }

    /// <inheritdoc/>
    protected override LineKind ReadTuple(BpftraceTuple tuple, List<T> output)
    {
        if (tuple.Is(0, "start"))
        {
            _start = _clock.FromMonotonic(tuple.Int64(1));
            return LineKind.Ignored;
        }
        if (!tuple.Is(0, "interval") && !tuple.Is(0, "end"))
        {
            return LineKind.Unparsable;
        }
        var end = _clock.FromMonotonic(tuple.Int64(1));
        var rows = Rows(_start, end, _numbers.GetValueOrDefault, _strings.GetValueOrDefault);
        _numbers.Clear();
        _strings.Clear();
        _start = end;
        output.AddRange(rows);
        // The base class counts one record for this line: the others are counted here.
        for (var i = 1; i < rows.Count; i++)
        {
            Stats.CountRecord();
        }
        return rows.Count > 0 ? LineKind.Record : LineKind.Ignored;
    }

    /// <summary>Keeps a printed map's entries by key until the tuple that closes its window.</summary>
    protected override LineKind ReadMaps(ref Utf8JsonReader reader, BpftraceMapRecord maps, List<T> output)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Unparsable;
            }
            var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                {
                    numbers[key] = value;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    strings[key] = reader.GetString()!;
                }
                else
                {
                    Stats.CountUnparsed($"{name}[{key}]: {maps.RawText(ref reader)}");
                }
            }
            _numbers[name] = numbers;
            _strings[name] = strings;
        }
        return LineKind.Pending;
    }
}
