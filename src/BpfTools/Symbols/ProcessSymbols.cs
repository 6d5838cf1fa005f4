using System.Globalization;

namespace BpfTools.Symbols;

/// <summary>
/// Names one process's user frames: its mappings (/proc/PID/maps) and its JIT's perf map, read while it lives and
/// kept after it exits, and the names found so far. Files are read through /proc/PID/root, so a process in a
/// container is named from its own files.
/// </summary>
internal sealed class ProcessSymbols
{
    // How often a process's maps or perf map may be read again for an address they do not cover: code mapped
    // (dlopen, exec) or compiled (JIT) since the last read. Once a second matches profile.bt's printing.
    private static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(1);

    private readonly int _pid;
    private readonly string _proc;
    private readonly Func<DateTime> _now;
    private readonly Dictionary<ulong, string> _names = [];
    private MemoryMap _maps = MemoryMap.Empty;
    private PerfMap _perfMap = PerfMap.Empty;
    private DateTime _mapsRead = DateTime.MinValue;
    private DateTime _perfMapRead = DateTime.MinValue;
    private long _perfMapLength = -1;

    /// <summary>A process's symbols, read from <paramref name="procRoot"/> (/proc) and <paramref name="perfMapFolder"/> (/tmp).</summary>
    public ProcessSymbols(int pid, string procRoot = "/proc", string perfMapFolder = "/tmp", Func<DateTime>? now = null)
    {
        _pid = pid;
        _proc = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        PerfMapPath = Path.Combine(perfMapFolder, $"perf-{pid.ToString(CultureInfo.InvariantCulture)}.map");
        _now = now ?? (() => DateTime.UtcNow);
    }

    /// <summary>Where this process's JIT writes its perf map.</summary>
    public string PerfMapPath { get; }

    /// <summary>Whether its maps were ever read: without them an address can only stay as it is.</summary>
    public bool HasMaps => _maps.Count > 0;

    /// <summary>The frame's name: function+offset, a JIT method+offset, [module], or [unknown]; null when nothing is known of the process.</summary>
    public string? Name(ulong address)
    {
        if (_names.TryGetValue(address, out var known))
        {
            return known;
        }
        if (_maps.Find(address) is null && Due(_mapsRead))
        {
            ReadMaps();
        }
        var mapping = _maps.Find(address);
        if (!HasMaps)
        {
            return null;
        }
        if (mapping is { IsFile: true })
        {
            // A native function, else the module: either answer holds for as long as the mapping does.
            var symbols = ElfCache.For(mapping, FileCandidates(mapping));
            if (symbols.Find(address - mapping.Start + mapping.Offset) is { } function)
            {
                return _names[address] = Frame(function.Name, function.Offset);
            }
            // Not ELF (a .NET assembly's precompiled code): its perf map may still name it.
            if (symbols != ElfSymbols.None || JitName(address) is not { } precompiled)
            {
                return _names[address] = mapping.ModuleName;
            }
            return _names[address] = precompiled;
        }
        // JIT code is in anonymous memory or a memfd (.NET's double mapping), or mapped after the last read of the maps.
        if (JitName(address) is { } jit)
        {
            return _names[address] = jit;
        }
        // Not cached: a later read of the perf map or the maps may know it.
        return mapping?.ModuleName ?? "[unknown]";
    }

    private string? JitName(ulong address)
    {
        var jit = _perfMap.Find(address);
        if (jit is null && Due(_perfMapRead))
        {
            ReadPerfMap();
            jit = _perfMap.Find(address);
        }
        return jit is { } method ? Frame(method.Name, method.Offset) : null;
    }

    /// <summary>Reads the maps now, while the process lives; keeps the last ones if it is gone.</summary>
    public void ReadMaps()
    {
        _mapsRead = _now();
        var maps = ReadLines(Path.Combine(_proc, "maps"), MemoryMap.Parse);
        if (maps is { Count: > 0 })
        {
            _maps = maps;
        }
    }

    private void ReadPerfMap()
    {
        _perfMapRead = _now();
        // A container's JIT writes it in its own /tmp; the host's /tmp is the fallback. The JIT only appends: a map
        // no longer than at the last read has nothing new (a busy pwsh's is megabytes, and code it never lists, such
        // as stubs, would otherwise have it read every second).
        var path = new[] { Path.Combine(_proc, "root", PerfMapPath.TrimStart('/')), PerfMapPath }.FirstOrDefault(File.Exists);
        var length = path is null ? -1 : Length(path);
        if (path is null || length < 0 || length == _perfMapLength)
        {
            return;
        }
        if (ReadLines(path, PerfMap.Parse) is { Count: > 0 } map)
        {
            _perfMap = map;
            _perfMapLength = length;
        }
    }

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private bool Due(DateTime lastRead) => _now() - lastRead >= RereadAfter;

    // The file as the process sees it, then the mapping itself (a deleted file, or one the path no longer names;
    // needs root), then the host's path.
    private IEnumerable<string> FileCandidates(Mapping mapping)
    {
        var range = $"{mapping.Start:x}-{mapping.End:x}";
        if (!mapping.Deleted)
        {
            yield return Path.Combine(_proc, "root", mapping.Path.TrimStart('/'));
        }
        yield return Path.Combine(_proc, "map_files", range);
        if (!mapping.Deleted)
        {
            yield return mapping.Path;
        }
    }

    /// <summary>"function+offset", the shape bpftrace gives kernel frames.</summary>
    internal static string Frame(string function, ulong offset) => function + "+" + offset.ToString(CultureInfo.InvariantCulture);

    private static T? ReadLines<T>(string path, Func<IEnumerable<string>, T> parse) where T : class
    {
        try
        {
            return parse(File.ReadAllLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Gone, or not ours to read (through sudo, another user's process): the last snapshot stays.
            return null;
        }
    }
}
