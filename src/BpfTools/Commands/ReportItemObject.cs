using System.Collections;
using System.Globalization;
using System.Management.Automation;
using BpfTools.Pictures;

namespace BpfTools.Commands;

/// <summary>
/// A report's view of a piped object: a BpfTools record, live or deserialized (from remoting, where it carries
/// PSComputerName, or Import-Clixml), read through its properties so both look the same.
/// </summary>
internal static class ReportItemObject
{
    private const string Namespace = "BpfTools.Records.";
    private const string Deserialized = "Deserialized.";

    // Remoting's own notes on every object, not the record's.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "PSComputerName", "RunspaceId", "PSShowComputerName", "PSSourceJobInstanceId" };

    /// <summary>The type name a report shows for <paramref name="item"/>, without "Deserialized.".</summary>
    public static string TypeName(PSObject item)
    {
        var name = item.TypeNames.Count > 0 ? item.TypeNames[0] : item.BaseObject.GetType().FullName ?? "";
        return name.StartsWith(Deserialized, StringComparison.Ordinal) ? name[Deserialized.Length..] : name;
    }

    /// <summary>The item, or null when it is not a BpfTools record.</summary>
    public static ReportItem? From(PSObject item)
    {
        var type = TypeName(item);
        if (!type.StartsWith(Namespace, StringComparison.Ordinal) || type.Length == Namespace.Length)
        {
            return null;
        }
        var kind = type[Namespace.Length..];
        var cells = new List<ReportCell>();
        var hasTimestamp = item.Properties["Timestamp"] is not null;
        foreach (var property in item.Properties)
        {
            // Time is Timestamp's text twin: one column is enough.
            if (Skipped.Contains(property.Name) || (hasTimestamp && property.Name == "Time"))
            {
                continue;
            }
            if (Cell(property.Name, Value(property)) is { } cell)
            {
                cells.Add(cell);
            }
        }
        var stack = kind is "CpuStackSample" or "OffCpuStackSample" ? StackSampleObject.From(item) : null;
        return new ReportItem(kind, Text(item, "PSComputerName") ?? "", cells)
        {
            ProcessName = Text(item, "ProcessName") ?? Text(item, "SenderName"),
            Error = Text(item, "Error"),
            FailedCalls = Value(item.Properties["Errors"]) is { } errors && IsNumber(errors) ? Convert.ToInt64(errors, CultureInfo.InvariantCulture) : 0,
            Histogram = kind == "BpfHistogram" ? HistogramObject.From(item) : null,
            Stack = stack is null ? null : FlameStack.FromSample(stack.ProcessName, stack.UserStack, stack.KernelStack, stack.Count),
            OffCpu = stack?.OffCpu == true,
            Weight = stack?.Count ?? 1,
        };
    }

    private static object? Value(PSPropertyInfo? property)
    {
        try
        {
            var value = property?.Value;
            return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        }
        catch (GetValueException)
        {
            // A getter that throws leaves its cell empty; one property must not lose the record.
            return null;
        }
    }

    private static string? Text(PSObject item, string name) =>
        Value(item.Properties[name]) is { } value && value.ToString() is { Length: > 0 } text ? text : null;

    private static bool IsNumber(object value) => value is int or long or uint or ulong or short or ushort or byte or sbyte or double or float or decimal;

    /// <summary>A table cell; null for lists (buckets, stacks, arguments: CommandLine says those) and nested objects.</summary>
    internal static ReportCell? Cell(string column, object? value) => value switch
    {
        null => new ReportCell(column, ""),
        string text => new ReportCell(column, text),
        DateTime time => new ReportCell(column, time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), time.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan span => new ReportCell(column, span.ToString("c", CultureInfo.InvariantCulture), span.Ticks.ToString(CultureInfo.InvariantCulture)),
        bool or Enum => new ReportCell(column, value.ToString()!),
        _ when IsNumber(value) => new ReportCell(column, Convert.ToString(value, CultureInfo.InvariantCulture)!, Convert.ToString(value, CultureInfo.InvariantCulture)),
        IEnumerable or PSObject => null,
        _ => new ReportCell(column, value.ToString() ?? ""),
    };
}
