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

    /// <summary>
    /// The number of a signal name as <see cref="Of"/> gives it (SIGUSR1, SIGRTMIN+1), case-insensitively and with or
    /// without the SIG prefix; false for a name it does not know.
    /// </summary>
    public static bool TryNumber(string name, out int number)
    {
        var bare = name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? name : "SIG" + name;
        for (number = 1; number <= RealTimeMax; number++)
        {
            if (number < Names.Length || number >= RealTimeMin)
            {
                if (string.Equals(Of(number), bare, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        number = 0;
        return false;
    }

    /// <summary>The names <see cref="TryNumber"/> knows, in number order: the standard ones, then SIGRTMIN to SIGRTMAX.</summary>
    public static IEnumerable<string> All => Standard.Concat(Enumerable.Range(RealTimeMin, RealTimeMax - RealTimeMin + 1).Select(Of));
}
