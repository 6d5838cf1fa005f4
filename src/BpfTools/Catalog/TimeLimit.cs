using System.Globalization;

namespace BpfTools.Catalog;

/// <summary>
/// How long a tool is told to run by itself, as a second line of defence behind the parent-death signal: a tool
/// that outlives PowerShell (a killed SSH session, an OOM kill) still ends on its own. It is the run's -Duration
/// rounded up to whole seconds plus <see cref="Margin"/>; without a -Duration there is no limit.
/// </summary>
/// <param name="Duration">The cmdlet's -Duration, or null.</param>
/// <remarks>
/// The runner stops the tool (SIGINT) at -Duration, counted from its first output; the tool's own clock starts a
/// little earlier, when it has attached (libbpf-tools, bcc), or when bpftrace starts its probes. The margin keeps the
/// tool's own end behind the runner's in a normal run, with room to spare for a slow attach or a busy host, so the
/// limit never cuts a run short; it only matters once nobody is left to stop the tool. A fixed margin suffices: the
/// two clocks start within a second or two of each other and run at the same rate, however long the run.
/// </remarks>
internal readonly record struct TimeLimit(TimeSpan? Duration)
{
    /// <summary>What is added to -Duration.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest limit passed on: libbpf-tools' own "forever" (their default interval and count), about three years.
    /// Longer would overflow some tools' nanosecond arithmetic.
    /// </summary>
    public const long MaxSeconds = 99_999_999;

    /// <summary>Whole seconds the tool is given, or null for no limit.</summary>
    public long? Seconds => Duration is { } d
        ? Math.Min(MaxSeconds, (long)Math.Ceiling(Math.Min(d.TotalSeconds, MaxSeconds)) + (long)Margin.TotalSeconds)
        : null;

    /// <summary>An option and its value in seconds (opensnoop's -d 20), or nothing without a limit.</summary>
    public string[] Flag(string flag) => Seconds is { } s ? [flag, Text(s)] : [];

    /// <summary>A trailing [duration] argument (libbpf-tools' biosnoop 20), or nothing without a limit.</summary>
    public string[] Positional => Seconds is { } s ? [Text(s)] : [];

    /// <summary>The bundled bpftrace programs' limit parameter: seconds, or -1 for no limit.</summary>
    public string Bpftrace => Text(Seconds ?? -1);

    /// <summary>
    /// The trailing [interval] [count] of the histogram and sampling tools (runqlat, biolatency, cachestat): with a
    /// limit, enough intervals to cover it, and with no interval of the cmdlet's own, one interval as long as the
    /// limit (the tool prints its table when the runner's SIGINT cuts that interval short, as it does at the end).
    /// </summary>
    /// <param name="interval">The cmdlet's -Interval in seconds, or null for one table at the end.</param>
    public string[] IntervalAndCount(int? interval) => (interval, Seconds) switch
    {
        (null, null) => [],
        ({ } i, null) => [Text(i)],
        (null, { } s) => [Text(s), "1"],
        ({ } i, { } s) => [Text(i), Text((s + i - 1) / i)],
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
