using System.Collections.Concurrent;

namespace BpfTools.Locator;

/// <summary>
/// Block device names by kernel dev_t, looked up in sysfs once per number. A number with no name (a device gone,
/// or one of another namespace) is remembered as such too, so an event stream full of it does not read sysfs and
/// /proc/partitions per event; it is looked up again after <see cref="MissRetry"/>, for a device that appears
/// later in a long session (a loop device, a disk plugged in).
/// </summary>
/// <param name="lookup">The name of a major:minor ("254:0"), or null: sysfs, then /proc/partitions.</param>
/// <param name="milliseconds">A monotonic clock in milliseconds; Environment.TickCount64 by default.</param>
internal sealed class DeviceNameCache(Func<string, string?> lookup, Func<long>? milliseconds = null)
{
    /// <summary>How long a number with no name is taken as still having none.</summary>
    public static readonly TimeSpan MissRetry = TimeSpan.FromSeconds(10);

    private readonly Func<long> _milliseconds = milliseconds ?? (() => Environment.TickCount64);
    private readonly ConcurrentDictionary<long, string> _names = new();
    // Numbers with no name: their major:minor text (what NameOf gives) and when to look again.
    private readonly ConcurrentDictionary<long, (string Text, long RetryAt)> _misses = new();

    /// <summary>The device's name, or its major:minor text when it has none.</summary>
    public string NameOf(long devT)
    {
        if (_names.TryGetValue(devT, out var known))
        {
            return known;
        }
        if (_misses.TryGetValue(devT, out var miss) && _milliseconds() < miss.RetryAt)
        {
            return miss.Text;
        }
        var majorMinor = BlockDevices.MajorMinor(devT);
        if (lookup(majorMinor) is { } name)
        {
            _misses.TryRemove(devT, out _);
            return _names[devT] = name;
        }
        _misses[devT] = (majorMinor, _milliseconds() + (long)MissRetry.TotalMilliseconds);
        return majorMinor;
    }
}
