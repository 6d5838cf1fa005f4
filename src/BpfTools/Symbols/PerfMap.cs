using System.Globalization;

namespace BpfTools.Symbols;

/// <summary>
/// A JIT's perf map, /tmp/perf-PID.map (.NET with DOTNET_PerfMapEnabled=1, node --perf-basic-prof): one line per
/// piece of generated code, "START SIZE name" with START and SIZE in hexadecimal (START with or without 0x) and a name that may hold
/// spaces. The JIT appends as it compiles, so a later read knows more.
/// </summary>
internal sealed class PerfMap
{
    private readonly ulong[] _starts;
    private readonly ulong[] _ends;
    private readonly string[] _names;

    private PerfMap(List<(ulong Start, ulong End, string Name)> entries)
    {
        // A method recompiled at a higher tier gets a new range; stale ranges are not reused while the process lives.
        entries.Sort((a, b) => a.Start.CompareTo(b.Start));
        _starts = entries.ConvertAll(e => e.Start).ToArray();
        _ends = entries.ConvertAll(e => e.End).ToArray();
        _names = entries.ConvertAll(e => e.Name).ToArray();
    }

    /// <summary>No entries (no perf map, or not readable).</summary>
    public static readonly PerfMap Empty = new([]);

    /// <summary>How many entries it has.</summary>
    public int Count => _names.Length;

    /// <summary>Reads a perf map's lines; a line that is not of that shape is skipped.</summary>
    public static PerfMap Parse(IEnumerable<string> lines)
    {
        var entries = new List<(ulong, ulong, string)>();
        foreach (var line in lines)
        {
            var first = line.IndexOf(' ');
            var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
            if (second < 0 || !Hex(line.AsSpan(0, first), out var start) || !Hex(line.AsSpan(first + 1, second - first - 1), out var size)
                || size == 0 || second + 1 >= line.Length)
            {
                continue;
            }
            entries.Add((start, start + size, line[(second + 1)..].TrimEnd('\r')));
        }
        return new PerfMap(entries);
    }

    // .NET 10 writes "0x7fb57caa1970 93 ...", node and older .NET "7FB57CAA1970 93 ...".
    private static bool Hex(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text.StartsWith("0x") ? text[2..] : text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>The name of the code <paramref name="address"/> is in and how far into it, or null.</summary>
    public (string Name, ulong Offset)? Find(ulong address)
    {
        var i = Array.BinarySearch(_starts, address);
        i = i >= 0 ? i : ~i - 1;
        // Ranges may overlap (a stub inside a larger block): the latest start at or below the address that covers
        // it, looking a few entries back, not through the whole map.
        for (var stop = Math.Max(0, i - 8); i >= stop; i--)
        {
            if (address < _ends[i])
            {
                return (_names[i], address - _starts[i]);
            }
        }
        return null;
    }
}
