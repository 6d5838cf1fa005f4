namespace BpfTools.Locator;

/// <summary>Finds tool executables: BPFTOOLS_PATH first (stand-ins, custom builds), then PATH, then the sbin folders.</summary>
internal static class ToolLocator
{
    /// <summary>Folders searched before PATH, colon-separated.</summary>
    public const string OverrideVariable = "BPFTOOLS_PATH";

    // Tools live in sbin, which a remoting session's or a user's PATH often lacks.
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin"];

    /// <summary>The first existing executable among <paramref name="candidates"/>; absolute paths are taken as they are.</summary>
    /// <param name="candidates">Names or absolute paths.</param>
    /// <param name="accept">Rejects a found file that is not the right kind (e.g. a Python script where a binary is expected).</param>
    public static string? Find(IEnumerable<string> candidates, Func<string, bool>? accept = null)
    {
        foreach (var candidate in candidates)
        {
            var paths = Path.IsPathRooted(candidate) ? [candidate] : SearchFolders().Select(dir => Path.Combine(dir, candidate));
            var found = paths.FirstOrDefault(p => IsExecutable(p) && (accept?.Invoke(p) ?? true));
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>True when the file starts with a #! line naming Python: bcc's tools, not libbpf-tools.</summary>
    public static bool IsPythonScript(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var first = reader.ReadLine() ?? "";
            return first.StartsWith("#!", StringComparison.Ordinal) && first.Contains("python", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<string> SearchFolders()
    {
        var overrides = Environment.GetEnvironmentVariable(OverrideVariable) ?? "";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return overrides.Split(':').Concat(path.Split(':')).Concat(SystemFolders)
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
