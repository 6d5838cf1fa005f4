namespace BpfTools.Parsers;

/// <summary>What a parser saw: lines read, records made, and what it could not use. Nothing is dropped silently.</summary>
internal sealed class ParseStats
{
    /// <summary>How many unparsable lines are kept as samples for the report.</summary>
    public const int MaxSamples = 5;

    private readonly List<string> _samples = [];
    private readonly List<string> _warnings = [];

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

    /// <summary>What the parser found missing from the output as a whole (a cut-off interval), said once each, for warnings.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal void CountLine() => Lines++;

    internal void CountRecord() => Records++;

    internal void CountLost(long count) => LostEvents += count;

    internal void Warn(string warning) => _warnings.Add(warning);

    internal void CountUnparsed(string line)
    {
        Unparsed++;
        if (_samples.Count < MaxSamples)
        {
            _samples.Add(line);
        }
    }
}
