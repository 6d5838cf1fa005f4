using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace BpfTools.Symbols;

/// <summary>
/// The functions of one ELF file (executable or shared object), read with ELFSharp: from .symtab, or .dynsym
/// when the file is stripped (its exported functions only), and its loadable segments, to turn a file offset
/// into the virtual address its symbols are given in.
/// </summary>
internal sealed class ElfSymbols
{
    private readonly (ulong Offset, ulong FileSize, ulong Address)[] _segments;
    private readonly ulong[] _starts;
    private readonly ulong[] _ends;
    private readonly string[] _names;

    private ElfSymbols((ulong, ulong, ulong)[] segments, List<(ulong Start, ulong End, string Name)> functions)
    {
        _segments = segments;
        functions.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        _starts = functions.ConvertAll(f => f.Start).ToArray();
        _ends = functions.ConvertAll(f => f.End).ToArray();
        _names = functions.ConvertAll(f => f.Name).ToArray();
    }

    /// <summary>A file that is not ELF or could not be read: it names nothing.</summary>
    public static readonly ElfSymbols None = new([], []);

    /// <summary>How many functions it knows.</summary>
    public int Count => _names.Length;

    /// <summary>Reads <paramref name="path"/>; <see cref="None"/> when it is not a readable 64-bit ELF file (never throws).</summary>
    public static ElfSymbols Load(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // .NET maps its assemblies (PE files) as code too: the magic number turns them away before ELFSharp reads them.
            Span<byte> magic = stackalloc byte[4];
            if (stream.Read(magic) != 4 || !magic.SequenceEqual((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F']))
            {
                return None;
            }
            stream.Position = 0;
            if (!ELFReader.TryLoad<ulong>(stream, shouldOwnStream: false, out var elf))
            {
                return None;
            }
            using (elf)
            {
                var segments = elf.Segments.OfType<Segment<ulong>>().Where(s => s.Type == SegmentType.Load)
                    .Select(s => ((ulong)s.Offset, (ulong)s.FileSize, s.Address)).ToArray();
                return new ElfSymbols(segments, Functions(elf, ".symtab") ?? Functions(elf, ".dynsym") ?? []);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
            or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException or EndOfStreamException or NotSupportedException)
        {
            // A truncated or odd file: ELFSharp throws as it reads it. The frame keeps its module name.
            return None;
        }
    }

    /// <summary>
    /// The function at <paramref name="fileOffset"/> (an address's offset into the file, from its mapping) and how far
    /// into it; null when no function of this file covers it.
    /// </summary>
    public (string Name, ulong Offset)? Find(ulong fileOffset)
    {
        foreach (var (offset, size, address) in _segments)
        {
            if (fileOffset >= offset && fileOffset - offset < size)
            {
                return FindAddress(fileOffset - offset + address);
            }
        }
        return null;
    }

    private (string, ulong)? FindAddress(ulong address)
    {
        var i = Array.BinarySearch(_starts, address);
        i = i >= 0 ? i : ~i - 1;
        // Aliases share a start (the longest comes first); a few back covers a function nested in another's range.
        for (var stop = Math.Max(0, i - 4); i >= stop; i--)
        {
            if (address < _ends[i])
            {
                return (_names[i], address - _starts[i]);
            }
        }
        return null;
    }

    // Defined functions with a size; null when the file has no such section.
    private static List<(ulong, ulong, string)>? Functions(ELF<ulong> elf, string section)
    {
        if (!elf.TryGetSection(section, out var found) || found is not ISymbolTable table)
        {
            return null;
        }
        var functions = new List<(ulong, ulong, string)>();
        foreach (var entry in table.Entries.OfType<SymbolEntry<ulong>>())
        {
            if (entry.Type == SymbolType.Function && entry.Size > 0 && entry.Value != 0 && entry.Name.Length > 0)
            {
                functions.Add((entry.Value, entry.Value + entry.Size, entry.Name));
            }
        }
        return functions;
    }
}
