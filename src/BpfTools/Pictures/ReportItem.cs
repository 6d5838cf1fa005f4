using BpfTools.Records;

namespace BpfTools.Pictures;

/// <summary>One table cell of a report: the text shown and, for numbers and times, the key it sorts by.</summary>
internal readonly record struct ReportCell(string Column, string Text, string? SortKey = null);

/// <summary>
/// One piped object as the report sees it, whatever it was (a live record or a deserialized copy): its kind
/// ("ExecEvent"), its host ("" for this one), who and what failed, and its cells for the events table. A
/// histogram or a stack sample also carries what its picture needs.
/// </summary>
internal sealed record ReportItem(string Kind, string Host, IReadOnlyList<ReportCell> Cells)
{
    /// <summary>The process the record is about (ProcessName, or a signal's sender); null when it names none.</summary>
    public string? ProcessName { get; init; }

    /// <summary>How much the record weighs in the top processes: 1, or a stack sample's count.</summary>
    public long Weight { get; init; } = 1;

    /// <summary>The symbolic error of a failed call (ENOENT), or null when it worked or the record has none.</summary>
    public string? Error { get; init; }

    /// <summary>Failed calls a summary counted (SyscallSummary.Errors).</summary>
    public long FailedCalls { get; init; }

    /// <summary>The histogram, for charts and heat maps.</summary>
    public BpfHistogram? Histogram { get; init; }

    /// <summary>The stack, for the flame graph, and whether it counts microseconds off CPU rather than samples.</summary>
    public FlameStack? Stack { get; init; }

    /// <summary>True when <see cref="Stack"/> is off-CPU time.</summary>
    public bool OffCpu { get; init; }
}
