using BpfTools.Records;

namespace BpfTools.Runner;

/// <summary>How a process ended by a signal shows, and the signals' names.</summary>
internal static class Signals
{
    /// <summary>The name of signal <paramref name="number"/> (SIGKILL): see <see cref="SignalName.Of"/>.</summary>
    public static string Name(int number) => SignalName.Of(number);

    /// <summary>
    /// The signal that ended a process whose exit code .NET reports as <paramref name="exitCode"/> (128 + the
    /// signal's number for a process killed by a signal), or null for an ordinary exit.
    /// </summary>
    public static int? FromExitCode(int exitCode) => exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null;
}
