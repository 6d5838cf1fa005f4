using System.Globalization;

namespace BpfTools.Commands;

/// <summary>The processes running now, read from /proc: what the completers offer.</summary>
internal static class RunningProcesses
{
    /// <summary>Each process's id and name (comm, as the tools report it); processes that end while read are skipped.</summary>
    public static IEnumerable<(int Pid, string Name)> List()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            yield return (pid, name);
        }
    }
}
