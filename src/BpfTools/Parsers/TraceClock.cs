using System.Diagnostics;

namespace BpfTools.Parsers;

/// <summary>Turns the tools' clocks into wall-clock time; replaceable in tests.</summary>
public class TraceClock
{
    /// <summary>The real clock.</summary>
    public static readonly TraceClock System = new();

    /// <summary>Wall-clock now (local time).</summary>
    public virtual DateTime Now => DateTime.Now;

    /// <summary>CLOCK_MONOTONIC in nanoseconds: what bpftrace's nsecs and libbpf-tools' timestamps count.</summary>
    /// <remarks>On Linux, .NET's Stopwatch reads CLOCK_MONOTONIC.</remarks>
    public virtual long MonotonicNanoseconds =>
        (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>The wall-clock time of a CLOCK_MONOTONIC instant.</summary>
    public DateTime FromMonotonic(long nanoseconds) =>
        Now - TimeSpan.FromTicks((MonotonicNanoseconds - nanoseconds) / 100);
}
