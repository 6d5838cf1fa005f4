namespace BpfTools.Parsers;

/// <summary>What a parser saw: lines read, records made, and what it could not use. Nothing is dropped silently.</summary>
public sealed class ParseStats
{
    /// <summary>How many unparsable lines are kept as samples for the report.</summary>
    public const int MaxSamples = 5;

    private readonly List<string> _samples = [];

    /// <summary>Lines read from the tool's output.</summary>
    public long Lines { get; private set; }

    /// <summary>Records produced.</summary>
    public long Records { get; private set; }

    /// <summary>Lines that were neither a header, a record, nor a known notice.</summary>
    public long Unparsed { get; private set; }

    /// <summary>Events the kernel reported as lost (perf/ring buffer overflow).</summary>
    public long LostEvents { get; private set; }

    /// <summary>The first few unparsable lines, for the error report.</summary>
    public IReadOnlyList<string> UnparsedSamples => _samples;

    internal void CountLine() => Lines++;

    internal void CountRecord() => Records++;

    internal void CountLost(long count) => LostEvents += count;

    internal void CountUnparsed(string line)
    {
        Unparsed++;
        if (_samples.Count < MaxSamples)
        {
            _samples.Add(line);
        }
    }
}
