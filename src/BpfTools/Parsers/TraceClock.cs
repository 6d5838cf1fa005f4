using System.Diagnostics;

namespace BpfTools.Parsers;

/// <summary>Turns the tools' clocks into wall-clock time; replaceable in tests.</summary>
internal class TraceClock
{
    /// <summary>The real clock.</summary>
    public static readonly TraceClock System = new Cached(() => DateTime.Now, ReadMonotonicNanoseconds);

    /// <summary>Wall-clock now (local time).</summary>
    public virtual DateTime Now => DateTime.Now;

    /// <summary>CLOCK_MONOTONIC in nanoseconds: what bpftrace's nsecs and libbpf-tools' timestamps count.</summary>
    /// <remarks>On Linux, .NET's Stopwatch reads CLOCK_MONOTONIC.</remarks>
    public virtual long MonotonicNanoseconds => ReadMonotonicNanoseconds();

    private static long ReadMonotonicNanoseconds() => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>Wall-clock now, for dating a line as it arrives: <see cref="Now"/>, except as the real clock reads it.</summary>
    public virtual DateTime Arrival => Now;

    /// <summary>The wall-clock time of a CLOCK_MONOTONIC instant.</summary>
    public virtual DateTime FromMonotonic(long nanoseconds)
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
    /// <remarks>
    /// A record stamped after the clock's own now (a capture replayed on a host that has been up for less time than
    /// the one that made it) is a second past any new pair too: the next is due a second after that record, so
    /// such output also reads the clocks once a second of its time, not once a line.
    /// </remarks>
    internal sealed class Cached(Func<DateTime> now, Func<long> monotonicNanoseconds) : TraceClock
    {
        private const long RefreshNanoseconds = 1_000_000_000;

        // Ten years: a capture from a host up that long, replayed here, still reads the clocks once a second.
        private const long MaxAheadNanoseconds = 10 * 366 * 86_400 * 1_000_000_000L;

        // One parser per tool run, but several runs (runspaces) can share this clock: the pair is swapped whole.
        private volatile ReferencePair? _reference;

        /// <inheritdoc/>
        public override DateTime Now => now();

        /// <inheritdoc/>
        public override long MonotonicNanoseconds => monotonicNanoseconds();

        /// <summary>
        /// Now by way of CLOCK_MONOTONIC and the reference pair, as for the tools' own stamps: DateTime.Now converts
        /// UTC to local time on every call, a twentieth of what reading a tcplife line cost.
        /// </summary>
        public override DateTime Arrival => FromMonotonic(MonotonicNanoseconds);

        private protected override (DateTime Now, long MonotonicNanoseconds) Reference(long nanoseconds)
        {
            var reference = _reference;
            if (reference is null || nanoseconds > reference.RefreshAfter)
            {
                var monotonic = MonotonicNanoseconds;
                // A stamp further ahead than any uptime is garbled: it must not put off the next pair for good.
                var latest = nanoseconds > monotonic && nanoseconds - monotonic < MaxAheadNanoseconds ? nanoseconds : monotonic;
                reference = new ReferencePair(Now, monotonic, latest + RefreshNanoseconds);
                _reference = reference;
            }
            return (reference.Now, reference.MonotonicNanoseconds);
        }

        private sealed record ReferencePair(DateTime Now, long MonotonicNanoseconds, long RefreshAfter);
    }
}
