using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BpfTools.Catalog;

namespace BpfTools.Commands;

/// <summary>Tab completion of tool and cmdlet names from the catalog.</summary>
internal sealed class ToolNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        return ToolCatalog.All
            .SelectMany(t => new[] { t.Name, t.Cmdlet })
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            // One cmdlet can wrap several tools (Get-BpfSlowFileOperation: ext4slower, xfsslower...).
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
