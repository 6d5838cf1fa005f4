using System.Globalization;

namespace BpfTools.Records;

/// <summary>
/// Linux signal numbers and their names, both ways (x86_64 and arm64 numbering). Real-time signals are named as
/// bash's <c>kill -l</c> and glibc name them: 34 is SIGRTMIN, 35 SIGRTMIN+1 ... 64 SIGRTMAX (glibc keeps 32 and 33).
/// </summary>
internal static class SignalName
{
    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    private const int RealTimeMin = 34;
    private const int RealTimeMax = 64;

    /// <summary>The standard signals' names, 1 to 31, in number order (for completers and validation).</summary>
    public static IReadOnlyList<string> Standard { get; } = Names[1..];

    /// <summary>The name of signal <paramref name="number"/> (SIGKILL, SIGRTMIN+1), or "signal N" when it has none.</summary>
    public static string Of(int number) => number switch
    {
        > 0 when number < Names.Length => Names[number],
        RealTimeMin => "SIGRTMIN",
        RealTimeMax => "SIGRTMAX",
        > RealTimeMin and < RealTimeMax => "SIGRTMIN+" + (number - RealTimeMin).ToString(CultureInfo.InvariantCulture),
        _ => "signal " + number.ToString(CultureInfo.InvariantCulture),
    };
}
