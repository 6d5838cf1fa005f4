using System.Globalization;
using System.Text.RegularExpressions;

namespace BpfTools.Runner;

/// <summary>What a line a tool wrote on stderr means.</summary>
internal enum StderrKind
{
    /// <summary>Informational (bpftrace's warnings, libbpf notices): goes to the verbose stream.</summary>
    Info,
    /// <summary>The kernel lost events; the count is returned alongside.</summary>
    LostEvents,
    /// <summary>The tool could not load or attach its programs.</summary>
    AttachFailure,
    /// <summary>The kernel refused: EPERM/EACCES.</summary>
    PermissionDenied,
    /// <summary>
    /// bpftrace, already tracing, could not look up a sampled stack while printing a map ("failed to look up stack
    /// id"): that stack prints empty. Not an attach failure.
    /// </summary>
    StackLookupFailure,
    /// <summary>
    /// A notice known to be harmless (bpftrace's RLIMIT_MEMLOCK warning): verbose only, never quoted as the reason a
    /// run printed nothing.
    /// </summary>
    Harmless,
}

/// <summary>Sorts the tools' stderr lines: lost events, attach failures and permission errors matter, the rest is context.</summary>
internal static partial class StderrClassifier
{
    /// <summary>Classifies one line; <paramref name="lost"/> is the count for <see cref="StderrKind.LostEvents"/>.</summary>
    public static StderrKind Classify(string line, out long lost)
    {
        lost = 0;
        var lostMatch = LostPattern().Match(line);
        if (lostMatch.Success)
        {
            lost = long.Parse(lostMatch.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            return StderrKind.LostEvents;
        }
        if (PermissionPattern().IsMatch(line))
        {
            return StderrKind.PermissionDenied;
        }
        if (StackLookupPattern().IsMatch(line))
        {
            return StderrKind.StackLookupFailure;
        }
        // bpftrace warns about RLIMIT_MEMLOCK with "ERROR:" on kernels that account BPF memory by cgroup: harmless.
        if (line.Contains("RLIMIT_MEMLOCK", StringComparison.Ordinal))
        {
            return StderrKind.Harmless;
        }
        return AttachPattern().IsMatch(line) ? StderrKind.AttachFailure : StderrKind.Info;
    }

    /// <summary>
    /// True when a failed tool's stderr says the kernel refused it for lack of privileges. libbpf adds "permission
    /// error while running as root" when root gets EPERM: privileges are then not what is missing (the kernel refuses
    /// the program type or its attach point, as with fentry on a kernel without it), so that is an attach failure.
    /// </summary>
    public static bool SaysPermissionDenied(IEnumerable<string> stderr)
    {
        var lines = stderr.ToList();
        return lines.Any(l => Classify(l, out _) == StderrKind.PermissionDenied)
            && !lines.Any(l => l.Contains("permission error while running as root", StringComparison.Ordinal));
    }

    // libbpf-tools: "Lost 12 events on CPU #0!"; bcc: "Possibly lost 12 samples".
    [GeneratedRegex(@"[Ll]ost (\d+) (?:events|samples)")]
    private static partial Regex LostPattern();

    // bpftrace 0.17: "ERROR: failed to look up stack id -17 (pid -1): -2"; older ones: "Error looking up stack id".
    [GeneratedRegex(@"(?:failed to look up|Error looking up) stack id", RegexOptions.IgnoreCase)]
    private static partial Regex StackLookupPattern();

    [GeneratedRegex(@"Operation not permitted|Permission denied|\bEPERM\b|\bEACCES\b|must be run as root|need root", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionPattern();

    [GeneratedRegex(@"failed to (?:attach|load|open|create|determine|fetch)|Could not attach|cannot attach|^ERROR:|No such file or directory|Exception|Traceback", RegexOptions.IgnoreCase)]
    private static partial Regex AttachPattern();
}
