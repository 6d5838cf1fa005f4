namespace BpfTools.Runner;

/// <summary>Something other than a record that a run hands to the pipeline thread.</summary>
internal enum RunMessageKind
{
    /// <summary>Context for -Verbose (the tool's own stderr, what was started).</summary>
    Verbose,
    /// <summary>The kernel lost events.</summary>
    LostEvents,
    /// <summary>A line of output the parser could not read.</summary>
    Unparsable,
}

/// <summary>A message for the pipeline thread, which alone may write to PowerShell's streams.</summary>
internal sealed record RunMessage(RunMessageKind Kind, string Text);

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
