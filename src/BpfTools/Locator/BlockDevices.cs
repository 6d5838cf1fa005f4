using System.Collections.Concurrent;
using System.Globalization;

namespace BpfTools.Locator;

/// <summary>Block device names and numbers, from /sys: the tracepoints give a dev_t, people say "vda".</summary>
public static class BlockDevices
{
    // The kernel's internal dev_t: MINORBITS is 20.
    private const int MinorBits = 20;

    private static readonly ConcurrentDictionary<long, string> Names = new();

    /// <summary>The name of a kernel dev_t (major &lt;&lt; 20 | minor), or "major:minor" when /sys does not say.</summary>
    public static string NameOf(long dev) => Names.GetOrAdd(dev, d =>
    {
        var majorMinor = $"{d >> MinorBits}:{d & ((1 << MinorBits) - 1)}";
        try
        {
            var name = File.ReadLines($"/sys/dev/block/{majorMinor}/uevent")
                .FirstOrDefault(l => l.StartsWith("DEVNAME=", StringComparison.Ordinal))?["DEVNAME=".Length..];
            return string.IsNullOrEmpty(name) ? majorMinor : name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return majorMinor;
        }
    });

    /// <summary>The kernel dev_t of a disk name (vda), or null when there is no such block device.</summary>
    public static long? NumberOf(string name)
    {
        try
        {
            var parts = File.ReadAllText($"/sys/class/block/{name}/dev").Trim().Split(':');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture) << MinorBits) | long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
