namespace BpfTools.IntegrationTests;

/// <summary>
/// A memory cgroup of a test's own with a small limit, so a workload in it meets the OOM killer (or memcg reclaim)
/// without touching the host's memory: cgroup v2 where the memory controller is there (memory.max, no swap), else
/// the v1 memory hierarchy (memory.limit_in_bytes; swappiness 0). Removed on dispose once its processes are gone.
/// </summary>
internal sealed class MemoryCgroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";

    private MemoryCgroup(string path) => Path = path;

    /// <summary>The cgroup's directory.</summary>
    public string Path { get; }

    /// <summary>Its cgroup.procs: a shell that writes its own pid there runs its children inside.</summary>
    public string Procs => System.IO.Path.Combine(Path, "cgroup.procs");

    public static MemoryCgroup Create(string name, long limitBytes)
    {
        var limit = limitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var v2 = File.Exists($"{Root}/cgroup.controllers") && File.ReadAllText($"{Root}/cgroup.controllers").Split(' ', '\n').Contains("memory");
        var cgroup = new MemoryCgroup(System.IO.Path.Combine(v2 ? Root : $"{Root}/memory", name));
        Directory.CreateDirectory(cgroup.Path);
        if (v2)
        {
            File.WriteAllText(System.IO.Path.Combine(cgroup.Path, "memory.max"), limit);
            File.WriteAllText(System.IO.Path.Combine(cgroup.Path, "memory.swap.max"), "0");
        }
        else
        {
            File.WriteAllText(System.IO.Path.Combine(cgroup.Path, "memory.limit_in_bytes"), limit);
            File.WriteAllText(System.IO.Path.Combine(cgroup.Path, "memory.swappiness"), "0");
        }
        return cgroup;
    }

    public void Dispose()
    {
        // rmdir fails while a process is still in it (a killed one is reaped a moment later).
        for (var attempt = 0; attempt < 50 && Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
