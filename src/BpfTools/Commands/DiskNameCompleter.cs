using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace BpfTools.Commands;

/// <summary>Tab completion of block device names from /sys/block.</summary>
internal sealed class DiskNameCompleter : IArgumentCompleter
{
    /// <summary>The block devices of this host.</summary>
    public static IEnumerable<string> Disks() =>
        Directory.Exists("/sys/block") ? Directory.EnumerateDirectories("/sys/block").Select(Path.GetFileName).OfType<string>().Order() : [];

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Disks().Where(d => d.StartsWith(wordToComplete, StringComparison.Ordinal))
            .Select(d => new CompletionResult(d, d, CompletionResultType.ParameterValue, d));
}
