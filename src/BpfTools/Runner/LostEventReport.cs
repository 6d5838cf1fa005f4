namespace BpfTools.Runner;

/// <summary>
/// Events the kernel lost, reported at most once a second: a flood makes a tool print "Lost N events" many times a
/// second, and one warning per line would bury everything else.
/// </summary>
internal sealed class LostEventReport
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private long _total;
    private long _unreported;
    private long _lastReportTicks = -1;

    /// <summary>All the events reported lost so far.</summary>
    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Adds <paramref name="count"/> lost events; returns the warning to write when a second has passed since the last.</summary>
    public string? Add(long count)
    {
        lock (_gate)
        {
            _total += count;
            _unreported += count;
            var now = Environment.TickCount64;
            return _lastReportTicks < 0 || now - _lastReportTicks >= Every.TotalMilliseconds ? Report(now) : null;
        }
    }

    /// <summary>At the end of the run: the warning for losses not yet reported, or null.</summary>
    public string? Rest()
    {
        lock (_gate)
        {
            return _unreported > 0 ? Report(Environment.TickCount64) : null;
        }
    }

    private string Report(long now)
    {
        var text = _unreported == _total
            ? $"The kernel lost {_unreported} events (its buffer overflowed)."
            : $"The kernel lost {_unreported} more events ({_total} in all so far).";
        _unreported = 0;
        _lastReportTicks = now;
        return text;
    }
}
