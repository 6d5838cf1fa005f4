using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Records;
using BpfTools.Runner;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Lists the wrapped tools and, for this host, which backends are installed and can run.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfTool")]
[OutputType(typeof(BpfToolInfo))]
public sealed class GetBpfToolCommand : PSCmdlet
{
    /// <summary>Only these tools (execsnoop) or cmdlets (Get-BpfExec); wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ToolNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Also run each installed executable to ask its version (slower).</summary>
    [Parameter]
    public SwitchParameter IncludeVersion { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var host = HostCapabilities.Probe();
        // Not root: the cmdlets trace through sudo when a rule allows the tool's command, so say what sudo allows.
        var sudo = host.IsPrivileged ? null : SudoRoute.Find(BpfCommandBase.ModuleFolder);
        if (sudo is not null)
        {
            host = host with { ThroughSudo = true };
        }
        var patterns = (Name ?? ["*"]).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        // A name without wildcards that matches nothing is an error, as with Get-Command.
        foreach (var name in (Name ?? []).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!ToolCatalog.All.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Cmdlet, name, StringComparison.OrdinalIgnoreCase)))
            {
                WriteError(new Problem(BpfErrorId.ToolNotFound, ErrorCategory.ObjectNotFound, $"BpfTools wraps no tool named '{name}'.",
                    "Run Get-BpfTool without a name to list them: " + string.Join(", ", ToolCatalog.All.Select(t => t.Name))).ToErrorRecord(name));
            }
        }
        foreach (var tool in ToolCatalog.All.Where(t => patterns.Any(p => p.IsMatch(t.Name) || p.IsMatch(t.Cmdlet))))
        {
            var preference = 0;
            foreach (var backend in tool.AllBackends)
            {
                var check = backend.Locate(host, BpfCommandBase.ProgramFolder);
                if (sudo is not null && check.CanRun)
                {
                    check = check with { Problem = SudoProblem(sudo, check) };
                }
                WriteObject(new BpfToolInfo
                {
                    Tool = tool.Name,
                    Cmdlet = tool.Cmdlet,
                    Backend = backend.Kind,
                    Preference = ++preference,
                    Probes = backend.Probes,
                    Installed = check.Path is not null,
                    Path = check.Path ?? "",
                    Version = IncludeVersion && check.Path is not null ? ToolVersion.Read(check.Path, backend.Kind) : "",
                    CanRun = check.CanRun,
                    Reason = check.Problem is { } p ? $"{p.Message} {p.Fix}" : sudo is not null ? ThroughSudo : "",
                    ReasonId = check.Problem?.ErrorId ?? "",
                });
            }
        }
    }

    private const string ThroughSudo = "Not root: runs through sudo -n and the module's guard, which a sudoers rule allows.";

    /// <summary>
    /// Whether the sudoers rule allows the backend's command: the rule Get-BpfSudoersRule writes allows each command
    /// with any arguments and without any, so asking for it without arguments answers for the cmdlet's runs.
    /// </summary>
    private static Problem? SudoProblem(SudoRoute sudo, LocatedBackend check) => sudo.Refusal(check, [], out _);
}
