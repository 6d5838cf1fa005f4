namespace BpfTools.Records;

/// <summary>
/// Where bpftrace found a bpftrace program wrong (a syntax error, an unknown function or probe, a type mismatch): the
/// target object of Invoke-BpfTrace's ProgramInvalid error, one per error bpftrace reported.
/// </summary>
public sealed class BpfTraceProgramError
{
    /// <summary>
    /// The program's file as bpftrace names it: the -Path file, or "stdin" for -Program text. Empty, with
    /// <see cref="Line"/> and <see cref="Column"/> 0, for an error LLVM found in the compiled program (the BPF stack limit).
    /// </summary>
    public string File { get; init; } = "";

    /// <summary>The line, counted from 1.</summary>
    public int Line { get; init; }

    /// <summary>The first column of the faulty text, counted from 1.</summary>
    public int Column { get; init; }

    /// <summary>Its last column (the same as <see cref="Column"/> for one character).</summary>
    public int EndColumn { get; init; }

    /// <summary>bpftrace's message, without its location and "ERROR:" prefix.</summary>
    public string Message { get; init; } = "";

    /// <summary>The program's line that bpftrace quoted, or empty.</summary>
    public string SourceLine { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => Line == 0 ? Message : $"{File}:{Line}:{Column}: {Message}";
}
