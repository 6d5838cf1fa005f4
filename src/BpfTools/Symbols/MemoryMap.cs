using System.Globalization;

namespace BpfTools.Symbols;

/// <summary>One line of /proc/PID/maps: a range of the process's addresses and what is mapped there.</summary>
/// <param name="Start">The first address.</param>
/// <param name="End">The address after the last.</param>
/// <param name="Offset">Where in the file the range starts.</param>
/// <param name="Device">The file's device, "fd:01" as the kernel prints it.</param>
/// <param name="Inode">The file's inode; 0 for anonymous memory.</param>
/// <param name="Path">The file, without " (deleted)"; "[heap]", "[vdso]" and the like; empty for anonymous memory.</param>
/// <param name="Deleted">The file was deleted (or replaced) after it was mapped.</param>
internal sealed record Mapping(ulong Start, ulong End, ulong Offset, string Device, long Inode, string Path, bool Deleted)
{
    /// <summary>A file of its own, whose ELF symbols may name the address (not anonymous memory, [vdso], or a memfd).</summary>
    public bool IsFile => Inode != 0 && Path.StartsWith('/') && !Path.StartsWith("/memfd:", StringComparison.Ordinal);

    /// <summary>
    /// How a frame in it is named when nothing names the function: the file's name in brackets, "[libcoreclr.so]"
    /// (Gregg's convention); a pseudo-file keeps its own ("[vdso]"); anonymous memory (JIT code without a perf map) is "[anon]".
    /// </summary>
    public string ModuleName => Path.Length == 0 ? "[anon]"
        : Path.StartsWith('[') ? Path
        : "[" + System.IO.Path.GetFileName(Path.TrimEnd('/')) + "]";
}

/// <summary>A process's mappings from /proc/PID/maps, sorted by address, to find the one an address is in.</summary>
internal sealed class MemoryMap
{
    private const string DeletedSuffix = " (deleted)";
    private readonly Mapping[] _mappings;
    private readonly ulong[] _starts;

    private MemoryMap(Mapping[] mappings)
    {
        _mappings = mappings;
        _starts = Array.ConvertAll(mappings, m => m.Start);
    }

    /// <summary>No mappings (a process whose maps could not be read).</summary>
    public static readonly MemoryMap Empty = new([]);

    /// <summary>How many mappings it has.</summary>
    public int Count => _mappings.Length;

    /// <summary>Reads the lines of /proc/PID/maps; a line that is not of that shape is skipped.</summary>
    public static MemoryMap Parse(IEnumerable<string> lines)
    {
        var mappings = new List<Mapping>();
        foreach (var line in lines)
        {
            if (ParseLine(line) is { } mapping)
            {
                mappings.Add(mapping);
            }
        }
        mappings.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new MemoryMap([.. mappings]);
    }

    /// <summary>The mapping <paramref name="address"/> is in, or null.</summary>
    public Mapping? Find(ulong address)
    {
        var i = Array.BinarySearch(_starts, address);
        i = i >= 0 ? i : ~i - 1;
        return i >= 0 && address < _mappings[i].End ? _mappings[i] : null;
    }

    // "7f1c2a000000-7f1c2a021000 r-xp 00001000 fd:01 1234   /usr/lib/a b.so (deleted)": five fields, then the path,
    // which may hold spaces; the kernel pads before it to a column.
    private static Mapping? ParseLine(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5)
        {
            return null;
        }
        var dash = fields[0].IndexOf('-');
        if (dash <= 0
            || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
            || !ulong.TryParse(fields[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset)
            || !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            || end <= start)
        {
            return null;
        }
        var path = fields.Length > 5 ? fields[5].TrimStart(' ') : "";
        var deleted = path.EndsWith(DeletedSuffix, StringComparison.Ordinal);
        return new Mapping(start, end, offset, fields[3], inode, deleted ? path[..^DeletedSuffix.Length] : path, deleted);
    }
}
