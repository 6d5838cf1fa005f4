namespace BpfTools.Parsers;

/// <summary>
/// One run's clock: <paramref name="clock"/>, except that a line arrives when the read of the pipe that brought it
/// returned (<see cref="MarkRead"/>), not when its parser gets to it.
/// </summary>
/// <remarks>
/// Lines that one read brought arrived together: a clock read for each of them dates them no better and cost a
/// fifth of parsing an opensnoop line (perf: CLOCK_MONOTONIC through the vDSO, about 28 ns a read here).
/// Only the thread that reads the tool's stdout marks reads and parses lines, so the mark needs no lock.
/// </remarks>
internal sealed class ReadArrivalClock(TraceClock clock) : TraceClock
{
    private DateTime? _read;

    /// <summary>A read of the pipe returned just now: the lines it holds arrived now.</summary>
    public void MarkRead() => _read = clock.Arrival;

    /// <summary>When the latest read returned; the wrapped clock's arrival until a read is marked.</summary>
    public override DateTime Arrival => _read ?? clock.Arrival;

    /// <inheritdoc/>
    public override DateTime Now => clock.Now;

    /// <inheritdoc/>
    public override long MonotonicNanoseconds => clock.MonotonicNanoseconds;

    /// <inheritdoc/>
    public override DateTime FromMonotonic(long nanoseconds) => clock.FromMonotonic(nanoseconds);
}
