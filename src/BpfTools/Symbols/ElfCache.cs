using System.Collections.Concurrent;

namespace BpfTools.Symbols;

/// <summary>
/// ELF symbol tables shared by every process and run in this PowerShell: libc or libcoreclr is read once, not once
/// per process. A file is known by its device and inode with its path (a new build gets a new inode).
/// </summary>
internal static class ElfCache
{
    // Enough for the libraries of a busy host; past it the cache starts again rather than growing without end.
    private const int MaxFiles = 512;
    private static readonly ConcurrentDictionary<(string Device, long Inode, string Path), ElfSymbols> Files = new();

    /// <summary>How many files are cached.</summary>
    public static int Count => Files.Count;

    /// <summary>The symbols of <paramref name="mapping"/>'s file, read through <paramref name="candidates"/> (the first that reads) once.</summary>
    public static ElfSymbols For(Mapping mapping, IEnumerable<string> candidates)
    {
        var key = (mapping.Device, mapping.Inode, mapping.Path);
        if (Files.TryGetValue(key, out var symbols))
        {
            return symbols;
        }
        symbols = ElfSymbols.None;
        foreach (var path in candidates)
        {
            symbols = ElfSymbols.Load(path);
            if (symbols != ElfSymbols.None)
            {
                break;
            }
        }
        if (Files.Count >= MaxFiles)
        {
            Files.Clear();
        }
        Files[key] = symbols;
        return symbols;
    }
}
