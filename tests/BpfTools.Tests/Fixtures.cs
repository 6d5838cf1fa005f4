using BpfTools.Parsers;

namespace BpfTools.Tests;

/// <summary>Captured tool output committed under tests/fixtures, copied next to the tests.</summary>
internal static class Fixtures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public static string[] Lines(string relative) => File.ReadAllText(PathOf(relative)).Split('\n');

    /// <summary>Feeds lines to a parser and returns every record, flushed at the end.</summary>
    public static List<T> ParseAll<T>(IRecordParser<T> parser, IEnumerable<string> lines) where T : class
    {
        var records = new List<T>();
        foreach (var line in lines)
        {
            parser.Parse(line, records);
        }
        parser.Flush(records);
        return records;
    }
}

/// <summary>A clock that stands still, so timestamps can be checked exactly.</summary>
internal sealed class FixedClock(DateTime now, long monotonicNanoseconds) : TraceClock
{
    public override DateTime Now => now;

    public override long MonotonicNanoseconds => monotonicNanoseconds;
}
