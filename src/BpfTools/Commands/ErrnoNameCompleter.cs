using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>Tab completion of errno names (ENOENT, EACCES...).</summary>
internal sealed class ErrnoNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        return Errno.Names
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
