namespace BpfTools.Runner;

/// <summary>How a tool process ended.</summary>
/// <param name="Ready">It started tracing (printed its header or attach notice).</param>
/// <param name="ExitCode">Its exit code, or null when BpfTools stopped it.</param>
/// <param name="StartError">Why it could not be started at all, or null.</param>
/// <param name="TimedOut">It never became ready within the start timeout.</param>
internal sealed record RunOutcome(bool Ready, int? ExitCode, string? StartError, bool TimedOut)
{
    /// <summary>It ended by itself, not because BpfTools asked it to.</summary>
    public bool EndedByItself => ExitCode is not null;
}
