using System.Diagnostics;

namespace BpfTools.Parsers;

/// <summary>Turns the tools' clocks into wall-clock time; replaceable in tests.</summary>
internal class TraceClock
{
    /// <summary>The real clock.</summary>
    public static readonly TraceClock System = new SystemTraceClock();

    /// <summary>Wall-clock now (local time).</summary>
    public virtual DateTime Now => DateTime.Now;

    /// <summary>CLOCK_MONOTONIC in nanoseconds: what bpftrace's nsecs and libbpf-tools' timestamps count.</summary>
    /// <remarks>On Linux, .NET's Stopwatch reads CLOCK_MONOTONIC.</remarks>
    public virtual long MonotonicNanoseconds =>
        (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>The wall-clock time of a CLOCK_MONOTONIC instant.</summary>
    public DateTime FromMonotonic(long nanoseconds)
    {
        var (now, monotonicNow) = Reference(nanoseconds);
        return now - TimeSpan.FromTicks((monotonicNow - nanoseconds) / 100);
    }

    /// <summary>
    /// A wall-clock time and the CLOCK_MONOTONIC reading of the same instant, to convert
    /// <paramref name="nanoseconds"/> with: by default both clocks read now.
    /// </summary>
    private protected virtual (DateTime Now, long MonotonicNanoseconds) Reference(long nanoseconds) => (Now, MonotonicNanoseconds);

    /// <summary>
    /// The real clocks, read about once a second of trace time instead of once per record: reading both (and
    /// converting UTC to local time) cost more than parsing the rest of a bpftrace record. The wall clock runs
    /// at CLOCK_MONOTONIC's rate (NTP slews both alike), so a reference pair stays exact until the wall clock
    /// is stepped (settimeofday, a daylight-saving change); taking a new one whenever a record is more than a
    /// second past it makes a step show within a second, as it did when both were read per record.
    /// </summary>
    private sealed class SystemTraceClock : TraceClock
    {
        private const long RefreshNanoseconds = 1_000_000_000;

        // One parser per tool run, but several runs (runspaces) can share this clock: the pair is swapped whole.
        private volatile ReferencePair? _reference;

        private protected override (DateTime Now, long MonotonicNanoseconds) Reference(long nanoseconds)
        {
            var reference = _reference;
            if (reference is null || nanoseconds - reference.MonotonicNanoseconds > RefreshNanoseconds)
            {
                reference = new ReferencePair(Now, MonotonicNanoseconds);
                _reference = reference;
            }
            return (reference.Now, reference.MonotonicNanoseconds);
        }

        private sealed record ReferencePair(DateTime Now, long MonotonicNanoseconds);
    }
}
