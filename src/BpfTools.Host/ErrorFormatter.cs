using System.Management.Automation;

namespace BpfTools.Host;

/// <summary>Renders an <see cref="ErrorRecord"/> as one or two stderr lines, without stack traces.</summary>
internal static class ErrorFormatter
{
    /// <summary>"ERROR: [Command: ]message [FullyQualifiedErrorId]", then the recommended action if any.</summary>
    public static string Format(ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception.Message;
        string command = record.InvocationInfo?.MyCommand is CmdletInfo or FunctionInfo { Name.Length: > 0 } ? $"{record.InvocationInfo.MyCommand.Name}: " : "";
        // `throw "text"` uses the text itself as the error id: do not print it twice.
        string id = record.FullyQualifiedErrorId == message ? "" : $" [{record.FullyQualifiedErrorId}]";
        string text = $"ERROR: {command}{message}{id}";
        return record.ErrorDetails?.RecommendedAction is { Length: > 0 } action ? $"{text}{Environment.NewLine}  {action}" : text;
    }
}
