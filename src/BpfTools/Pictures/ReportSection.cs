using BpfTools.Records;

namespace BpfTools.Pictures;

/// <summary>
/// What a report keeps while records stream in. Everything else is counted and dropped as it passes, so a long
/// pipeline costs at most these (plus the flame graphs' distinct stacks).
/// </summary>
internal sealed record ReportLimits
{
    /// <summary>Table rows kept per kind; the rows after them are counted, and the page says how many were left out.</summary>
    public int MaxRows { get; init; } = 1000;

    /// <summary>Processes listed per kind and host in the top list.</summary>
    public int TopCount { get; init; } = 10;

    /// <summary>Distinct process names and errors counted per kind and host; later new names count as "(other names)".</summary>
    public int MaxNames { get; init; } = 10_000;

    /// <summary>Histograms kept per kind and host for the charts and heat maps.</summary>
    public int MaxHistograms { get; init; } = 5000;

    /// <summary>Columns of an events table (the first properties of the kind's first record).</summary>
    public int MaxColumns { get; init; } = 14;
}

/// <summary>One host's part of a kind: its counts, top processes, errors, histograms and flame graph.</summary>
internal sealed class ReportHostPart
{
    public long Records { get; set; }

    public Dictionary<string, long> Processes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public long FailedCalls { get; set; }

    public List<BpfHistogram> Histograms { get; } = [];

    public long HistogramsLeftOut { get; set; }

    public FlameLayout? Flame { get; set; }

    public bool Cpu { get; set; }

    public bool OffCpu { get; set; }
}

/// <summary>All records of one kind (ExecEvent, BpfHistogram...), host by host, with the rows its table shows.</summary>
internal sealed class ReportSection(string kind, ReportLimits limits)
{
    /// <summary>The name kept for process names or errors past <see cref="ReportLimits.MaxNames"/>.</summary>
    public const string OtherNames = "(other names)";

    public string Kind { get; } = kind;

    public long Records { get; private set; }

    /// <summary>The hosts in the order their first record came.</summary>
    public Dictionary<string, ReportHostPart> Hosts { get; } = new(StringComparer.Ordinal);

    public List<string> Columns { get; } = [];

    public List<(string Host, Dictionary<string, ReportCell> Cells)> Rows { get; } = [];

    public long RowsLeftOut { get; private set; }

    public void Add(ReportItem item)
    {
        Records++;
        if (!Hosts.TryGetValue(item.Host, out var part))
        {
            Hosts[item.Host] = part = new ReportHostPart();
        }
        part.Records++;
        if (item.ProcessName is { } name)
        {
            Count(part.Processes, name, item.Weight);
        }
        if (!string.IsNullOrEmpty(item.Error))
        {
            Count(part.Errors, item.Error, 1);
        }
        part.FailedCalls += item.FailedCalls;
        if (item.Histogram is { } histogram)
        {
            if (part.Histograms.Count < limits.MaxHistograms)
            {
                part.Histograms.Add(histogram);
            }
            else
            {
                part.HistogramsLeftOut++;
            }
        }
        if (item.Stack is { } stack)
        {
            (part.Flame ??= new FlameLayout()).Add(stack);
            part.Cpu |= !item.OffCpu;
            part.OffCpu |= item.OffCpu;
        }
        AddRow(item);
    }

    private void AddRow(ReportItem item)
    {
        if (Rows.Count >= limits.MaxRows)
        {
            RowsLeftOut++;
            return;
        }
        var cells = new Dictionary<string, ReportCell>(StringComparer.Ordinal);
        foreach (var cell in item.Cells)
        {
            if (!Columns.Contains(cell.Column) && Columns.Count < limits.MaxColumns)
            {
                Columns.Add(cell.Column);
            }
            cells[cell.Column] = cell;
        }
        Rows.Add((item.Host, cells));
    }

    private void Count(Dictionary<string, long> counts, string name, long weight)
    {
        if (counts.ContainsKey(name) || counts.Count < limits.MaxNames)
        {
            counts[name] = counts.GetValueOrDefault(name) + weight;
        }
        else
        {
            counts[OtherNames] = counts.GetValueOrDefault(OtherNames) + weight;
        }
    }

    /// <summary>The <see cref="ReportLimits.TopCount"/> heaviest entries, heaviest first, ties by name.</summary>
    public IEnumerable<KeyValuePair<string, long>> Top(Dictionary<string, long> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(limits.TopCount);
}

/// <summary>
/// A report being built: a section per kind in the order the kinds first came, and the objects it could not use,
/// counted by type name.
/// </summary>
internal sealed class ReportBuilder(ReportLimits limits)
{
    public ReportLimits Limits { get; } = limits;

    public Dictionary<string, ReportSection> Sections { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Unknown { get; } = new(StringComparer.Ordinal);

    public long Records { get; private set; }

    /// <summary>Every host seen, in order; "" is the host the report was made on.</summary>
    public List<string> Hosts { get; } = [];

    public void Add(ReportItem item)
    {
        Records++;
        if (!Hosts.Contains(item.Host))
        {
            Hosts.Add(item.Host);
        }
        if (!Sections.TryGetValue(item.Kind, out var section))
        {
            Sections[item.Kind] = section = new ReportSection(item.Kind, Limits);
        }
        section.Add(item);
    }

    /// <summary>Counts an object of a type the report does not know; true the first time the type is seen.</summary>
    public bool AddUnknown(string typeName)
    {
        // Bounded like the process names: a stream of anonymous types must not grow the list without end.
        var key = Unknown.ContainsKey(typeName) || Unknown.Count < Limits.MaxNames ? typeName : ReportSection.OtherNames;
        var first = !Unknown.ContainsKey(key);
        Unknown[key] = Unknown.GetValueOrDefault(key) + 1;
        return first;
    }
}
