namespace BpfTools.Runner;

/// <summary>A process's scheduling state, from /proc/PID/stat: T when stopped (SIGSTOP, a debugger).</summary>
internal static class ProcessState
{
    /// <summary>The state letter (R, S, D, T, t, Z...), or null when the process is gone or unreadable.</summary>
    public static char? Of(int? processId)
    {
        if (processId is not { } pid)
        {
            return null;
        }
        try
        {
            // "pid (comm) S ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close >= 0 && close + 2 < stat.Length ? stat[close + 2] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True for a stopped process (T, or t when stopped by a tracer).</summary>
    public static bool IsStopped(char? state) => state is 'T' or 't';
}
