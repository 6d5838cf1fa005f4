using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads biopattern.bt's output (see <see cref="BpftraceWindowParser{T}"/>): each window's @random, @sequential and
/// @bytes, keyed by the disk's dev_t, become one sample per disk with I/O, named by <paramref name="diskName"/>.
/// </summary>
internal sealed class BpftraceDiskPatternParser(Func<long, string> diskName, TraceClock? clock = null)
    : BpftraceWindowParser<DiskPatternSample>(clock)
{
    /// <inheritdoc/>
    protected override List<DiskPatternSample> Rows(DateTime start, DateTime end, Func<string, Dictionary<string, long>?> numbers,
        Func<string, Dictionary<string, string>?> strings)
    {
        var random = numbers("@random");
        var sequential = numbers("@sequential");
        var bytes = numbers("@bytes");
        var rows = new List<DiskPatternSample>();
        foreach (var key in (random?.Keys ?? Enumerable.Empty<string>()).Union(sequential?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var dev))
            {
                Stats.CountUnparsed($"@random/@sequential[{key}]");
                continue;
            }
            if (DiskPatternSample.FromCounts(start, end, diskName(dev), random?.GetValueOrDefault(key) ?? 0,
                sequential?.GetValueOrDefault(key) ?? 0, bytes?.GetValueOrDefault(key) ?? 0) is { } sample)
            {
                rows.Add(sample);
            }
        }
        return rows;
    }
}
