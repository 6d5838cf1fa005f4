using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>Tab completion of signal names (SIGKILL, SIGUSR1, SIGRTMIN+1...); "usr" finds SIGUSR1 too.</summary>
internal sealed class SignalNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        return SignalName.All
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || n[3..].StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n.Contains('+') ? "'" + n + "'" : n, n, CompletionResultType.ParameterValue, n));
    }
}
