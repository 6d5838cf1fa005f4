namespace BpfTools.Runner;

/// <summary>How a process ended by a signal shows, and the signals' names (x86_64 and arm64 numbering).</summary>
internal static class Signals
{
    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>The name of signal <paramref name="number"/> (SIGKILL), or "signal N" for a real-time one.</summary>
    public static string Name(int number) =>
        number > 0 && number < Names.Length ? Names[number] : $"signal {number}";

    /// <summary>
    /// The signal that ended a process whose exit code .NET reports as <paramref name="exitCode"/> (128 + the
    /// signal's number for a process killed by a signal), or null for an ordinary exit.
    /// </summary>
    public static int? FromExitCode(int exitCode) => exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null;
}
