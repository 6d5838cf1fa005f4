namespace BpfTools.Records;

/// <summary>
/// A record of one event at one time (an exec, an open...), as opposed to a summary over a window (a histogram,
/// a stack count): the runner reads on past the end of -Duration until the tool's events pass it.
/// </summary>
internal interface ITimedEvent
{
    /// <summary>When the event happened, as precisely as the tool printed it.</summary>
    DateTime Timestamp { get; }
}
