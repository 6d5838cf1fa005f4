using System.Management.Automation;

namespace BpfTools.Errors;

/// <summary>Why something cannot run, ready to become an ErrorRecord: a stable id, a category, a message and the fix.</summary>
/// <param name="ErrorId">PascalCase, stable, one per code path.</param>
/// <param name="Category">What kind of failure it is.</param>
/// <param name="Message">What happened.</param>
/// <param name="Fix">What the user can do about it.</param>
internal sealed record Problem(string ErrorId, ErrorCategory Category, string Message, string Fix)
{
    /// <summary>What the error is about, when more precise than the caller's target (where a program is wrong).</summary>
    public object? Target { get; init; }

    /// <summary>The error record, with the fix as its recommended action.</summary>
    public ErrorRecord ToErrorRecord(object? target) =>
        new(new BpfToolsException(Message), ErrorId, Category, Target ?? target)
        {
            ErrorDetails = new ErrorDetails(Message) { RecommendedAction = Fix },
        };
}

/// <summary>The exception behind BpfTools' error records (never thrown past a cmdlet).</summary>
public sealed class BpfToolsException : Exception
{
    /// <summary>Creates one.</summary>
    public BpfToolsException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    public BpfToolsException() { }

    /// <summary>Creates one.</summary>
    public BpfToolsException(string message, Exception inner) : base(message, inner) { }
}
