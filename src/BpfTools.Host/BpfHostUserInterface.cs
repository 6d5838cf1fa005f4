using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace BpfTools.Host;

/// <summary>
/// Host UI: output and host text go to stdout; errors, warnings, verbose and debug lines go to stderr
/// (so stdout carries only data); progress is dropped; every prompt throws <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class BpfHostUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new BpfHostRawUserInterface();

    public override bool SupportsVirtualTerminal => !Console.IsOutputRedirected;

    // The formatter decorates table headers with ANSI codes; this strips them per $PSStyle.OutputRendering
    // and whether stdout is a terminal.
    private string Render(string value) => GetOutputString(value, SupportsVirtualTerminal);

    internal static NotSupportedException NonInteractive(string what) =>
        new($"this host is non-interactive: cannot {what}");

    public override void Write(string value) => Console.Out.Write(Render(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value) => Console.Out.WriteLine(Render(value));

    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Render(value));

    public override void WriteWarningLine(string message) => WriteErrorLine($"WARNING: {message}");

    public override void WriteVerboseLine(string message) => WriteErrorLine($"VERBOSE: {message}");

    public override void WriteDebugLine(string message) => WriteErrorLine($"DEBUG: {message}");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw NonInteractive("read input");

    public override SecureString ReadLineAsSecureString() => throw NonInteractive("read input");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw NonInteractive("prompt");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw NonInteractive("prompt for credentials");

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw NonInteractive("prompt for credentials");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw NonInteractive("prompt for a choice");
}
