namespace BpfTools.IntegrationTests;

/// <summary>One process as /proc/PID/stat tells it.</summary>
internal sealed record ProcEntry(int Pid, int ParentPid, string Name, char State)
{
    /// <summary>Running or sleeping: not gone, and not a zombie waiting to be reaped (a zombie traces nothing).</summary>
    public bool IsAlive => State is not ('Z' or 'X');

    /// <summary>The process now, or null when it has gone.</summary>
    public static ProcEntry? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return new ProcEntry(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), stat[(stat.IndexOf('(') + 1)..close], fields[0][0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Every process now.</summary>
    public static List<ProcEntry> All() =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit))
            .Select(n => Read(int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))).OfType<ProcEntry>()];

    /// <summary>
    /// The processes whose parent is <paramref name="parent"/> and whose name is one of <paramref name="names"/>, zombies
    /// included: a tool not yet reaped is not gone.
    /// </summary>
    public static List<ProcEntry> ChildrenOf(int parent, IReadOnlyCollection<string> names) =>
        [.. All().Where(p => p.ParentPid == parent && names.Contains(p.Name))];

    /// <summary>The same process (same pid and name) still alive.</summary>
    public bool StillAlive => Read(Pid) is { } now && now.Name == Name && now.IsAlive;
}
