using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace BpfTools.Commands;

/// <summary>Tab completion of a process-name parameter (-Name): the distinct names (comm) of the running processes.</summary>
internal sealed class ProcessNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return RunningProcesses.List().Select(p => p.Name)
            .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(n => new CompletionResult(Quoted(n), n, CompletionResultType.ParameterValue, n));
    }

    // A name with a space or a quote must be quoted to be one argument.
    private static string Quoted(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || "'\"`$;,(){}|&<>@#".Contains(c)) ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'" : name;
}
