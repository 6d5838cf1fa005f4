using System.Globalization;
using System.Management.Automation.Host;

namespace BpfTools.Host;

/// <summary>A non-interactive PSHost: console output through <see cref="BpfHostUserInterface"/>, no nested prompts.</summary>
internal sealed class BpfHost : PSHost
{
    private readonly BpfHostUserInterface _ui = new();

    /// <summary>The code passed to <c>exit N</c> at the top level of the command, if it ran one.</summary>
    public int? ExitCode { get; private set; }

    public override string Name => "bpftools-host";

    public override Version Version { get; } = typeof(BpfHost).Assembly.GetName().Version ?? new Version(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw BpfHostUserInterface.NonInteractive("enter a nested prompt");

    public override void ExitNestedPrompt() => throw BpfHostUserInterface.NonInteractive("leave a nested prompt");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
