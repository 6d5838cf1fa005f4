using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace BpfTools.Commands;

/// <summary>
/// Tab completion of -ProcessId: the running processes whose id or name starts with what was typed, each listed
/// as "1234 nginx" and completed to its id (`-ProcessId ngi` then Tab gives nginx's id).
/// </summary>
internal sealed class ProcessIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        foreach (var (pid, name) in RunningProcesses.List().OrderBy(p => p.Pid))
        {
            var id = pid.ToString(CultureInfo.InvariantCulture);
            if (id.StartsWith(typed, StringComparison.Ordinal) || name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(id, $"{id} {name}", CompletionResultType.ParameterValue, $"{name} ({id})");
            }
        }
    }
}
