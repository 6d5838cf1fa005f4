using System.Management.Automation;
using BpfTools.Parsers;

namespace BpfTools.Commands;

/// <summary>
/// Invoke-BpfTrace's record stage: names each tuple's values and each line's fields with -Property (past the names,
/// or without any, Item1, Item2...), as PowerShell objects made on the pipeline thread; maps and histograms pass as
/// they are.
/// </summary>
internal sealed class BpfTraceRowNames(IReadOnlyList<string> names) : RecordStage<object>
{
    // The names, grown with ItemN as longer rows come: each name's string is made once, not once per row.
    private readonly List<string> _names = [.. names];

    /// <inheritdoc/>
    public override IEnumerable<object> Take(object record) => [record is BpfTraceRow row ? Name(row) : record];

    private PSObject Name(BpfTraceRow row)
    {
        var named = new PSObject();
        for (var i = 0; i < row.Values.Length; i++)
        {
            named.Properties.Add(new PSNoteProperty(row.IsText ? "Text" : NameOf(i), row.Values[i]));
        }
        return named;
    }

    private string NameOf(int index)
    {
        while (_names.Count <= index)
        {
            _names.Add($"Item{_names.Count + 1}");
        }
        return _names[index];
    }
}
