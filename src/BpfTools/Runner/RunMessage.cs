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
