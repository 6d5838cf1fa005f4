namespace BpfTools.Records;

/// <summary>
/// One interrupt's total over a time window, as hardirqs and softirqs print it: how much time its handlers took,
/// or (hardirqs -C) how many times it fired.
/// </summary>
public sealed class InterruptTimeSample
{
    /// <summary>Start of the time window.</summary>
    public DateTime Start { get; init; }

    /// <summary>End of the time window.</summary>
    public DateTime End { get; init; }

    /// <summary><see cref="Start"/>/<see cref="End"/> as an ISO 8601 interval to the microsecond, for Export-Csv.</summary>
    public string Window => TimeText.Between(Start, End);

    /// <summary>Hardware or software interrupt.</summary>
    public InterruptKind Kind { get; init; }

    /// <summary>The interrupt's name: a handler's action (virtio1-req.0) or a softirq (net_rx).</summary>
    public string Name { get; init; } = "";

    /// <summary>How many times it fired (hardirqs -C); null when the tool measured time instead.</summary>
    public long? Count { get; init; }

    /// <summary>The time its handlers ran in all; null when the tool counted instead (hardirqs -C).</summary>
    public TimeSpan? TotalTime { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Name}: " + (TotalTime is { } t ? $"{t.TotalMicroseconds:0} us" : $"{Count} times");
}
