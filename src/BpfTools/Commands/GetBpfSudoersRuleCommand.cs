using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Records;
using BpfTools.Runner;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Writes the sudoers rule that lets a user or a group who is not root trace with BpfTools, and nothing more.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfSudoersRule", DefaultParameterSetName = UserSet)]
[OutputType(typeof(string))]
public sealed class GetBpfSudoersRuleCommand : PSCmdlet
{
    private const string UserSet = "User";
    private const string GroupSet = "Group";

    /// <summary>The user the rule is for.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserSet)]
    [ValidateNotNullOrEmpty]
    public string User { get; set; } = "";

    /// <summary>The group the rule is for (written %group).</summary>
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [ValidateNotNullOrEmpty]
    public string Group { get; set; } = "";

    /// <summary>Only these tools (execsnoop) or cmdlets (Get-BpfExec); wildcards allowed. All by default.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ToolNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var who = SudoersRule.Who(ParameterSetName == UserSet ? User : null, ParameterSetName == GroupSet ? Group : null);
        if (who is null)
        {
            ThrowTerminatingError(new Problem(BpfErrorId.SudoersRuleUnwritable, ErrorCategory.InvalidArgument,
                $"'{User}{Group}' is not a name this cmdlet writes into sudoers: letters, digits, '.', '_' and '-' only, not starting with '-'.",
                "Give the user's or group's name as the system knows it (id -un, getent group).").ToErrorRecord(User + Group));
        }
        var folder = BpfCommandBase.ModuleFolder;
        var guard = SudoRoute.GuardPath(folder);
        var lines = Lines(folder);
        if (lines.Count == 0)
        {
            ThrowTerminatingError(new Problem(BpfErrorId.ToolNotInstalled, ErrorCategory.ObjectNotFound,
                "None of the tools asked for is installed, so there is nothing to allow.",
                "Install them (apt-get install libbpf-tools bpftrace), or see Get-BpfTool for what is installed.").ToErrorRecord(who));
        }
        var named = new[] { folder, guard }.Concat(lines.Select(l => l.Command[0]))
            .Concat(lines.Where(l => l.Command.Count > 1).Select(l => l.Command[3]));
        if (RootOnlyFiles.FirstUnsafe(named, RootOnlyFiles.Stat, RootOnlyFiles.RealPath) is var (path, why))
        {
            ThrowTerminatingError(new Problem(BpfErrorId.SudoersRuleUnsafe, ErrorCategory.SecurityError,
                $"Refusing to write a sudoers rule: {path} is not root's alone ({why}), and the rule names it or a file under it: " +
                "whoever can change it could run anything as root through the rule.",
                $"Make {path} root's alone (chown root:root, chmod go-w), or install the module where only root can write " +
                "(Install-PSResource -Scope AllUsers as root) and run Get-BpfSudoersRule from that copy.").ToErrorRecord(path));
        }
        try
        {
            var version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(BpfCommandBase).Assembly.GetName().Version?.ToString() ?? "";
            WriteObject(SudoersRule.Write(who!, guard, lines, version, folder));
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new Problem(BpfErrorId.SudoersRuleUnwritable, ErrorCategory.InvalidData,
                $"Cannot write the rule: {e.Message}", "Install the module (and the tools) under paths of letters, digits and ._+/@%~- only.").ToErrorRecord(folder));
        }
    }

    /// <summary>One line per distinct command of the installed backends of the tools asked for.</summary>
    private List<SudoersRule.Line> Lines(string folder)
    {
        var host = HostCapabilities.Probe() with { ThroughSudo = true };
        var patterns = (Name ?? ["*"]).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var commands = new Dictionary<string, (List<string> Tools, IReadOnlyList<string> Command)>(StringComparer.Ordinal);
        foreach (var tool in ToolCatalog.All.Where(t => patterns.Any(p => p.IsMatch(t.Name) || p.IsMatch(t.Cmdlet))))
        {
            foreach (var backend in tool.AllBackends)
            {
                // bpftrace without a bundled program is Invoke-BpfTrace's free program: never allowed.
                if (backend.Kind == BackendKind.Bpftrace && backend.Program is null)
                {
                    continue;
                }
                var check = backend.Locate(host, Path.Combine(folder, "bpftrace"));
                if (check.Path is null || (check.ProgramPath is { } program && !File.Exists(program)))
                {
                    continue;
                }
                var command = SudoRoute.ToolCommand(check, [])!;
                var key = string.Join('\0', command);
                if (!commands.TryGetValue(key, out var entry))
                {
                    commands[key] = entry = ([], command);
                }
                entry.Tools.Add(tool.Name);
            }
        }
        return commands.Values.Select(c => new SudoersRule.Line(string.Join(", ", c.Tools.Distinct()), c.Command)).ToList();
    }
}
