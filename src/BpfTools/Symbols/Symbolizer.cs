namespace BpfTools.Symbols;

/// <summary>
/// Names the bare user addresses of one run's stacks, process by process (see <see cref="ProcessSymbols"/>).
/// Addresses are seen as each interval's stacks arrive, while their process lives; the records made at the end
/// take the names found then.
/// </summary>
internal sealed class Symbolizer(string procRoot = "/proc", string perfMapFolder = "/tmp", Func<DateTime>? now = null)
{
    private readonly Dictionary<int, ProcessSymbols> _processes = [];

    /// <summary>How many addresses were looked up.</summary>
    public long Lookups { get; private set; }

    /// <summary>How many distinct processes were seen.</summary>
    public int Processes => _processes.Count;

    /// <summary>Names <paramref name="address"/> of <paramref name="processId"/> now (the name is kept for later).</summary>
    public void See(int processId, ulong address) => Lookup(processId, address);

    /// <summary>
    /// The frame's name: itself unless it is a bare user address of a process with a known id (not 0) whose maps
    /// could be read at some point.
    /// </summary>
    public string Name(int processId, string frame) =>
        processId > 0 && BareAddress.TryParse(frame, out var address) ? Lookup(processId, address) ?? frame : frame;

    /// <summary>Names every frame of a stack (leaf first, as given); the same array when nothing changed.</summary>
    public string[] Name(int processId, IReadOnlyList<string> frames)
    {
        string[]? named = null;
        for (var i = 0; i < frames.Count; i++)
        {
            var name = Name(processId, frames[i]);
            if (!ReferenceEquals(name, frames[i]))
            {
                named ??= [.. frames];
                named[i] = name;
            }
        }
        return named ?? (frames as string[] ?? [.. frames]);
    }

    private string? Lookup(int processId, ulong address)
    {
        Lookups++;
        if (!_processes.TryGetValue(processId, out var process))
        {
            process = new ProcessSymbols(processId, procRoot, perfMapFolder, now);
            process.ReadMaps();
            _processes.Add(processId, process);
        }
        return process.Name(address);
    }
}
