using BpfTools.Locator;
using BpfTools.Records;

namespace BpfTools.Runner;

/// <summary>Exactly what is started: an executable and its argument list (never a shell).</summary>
internal sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>Builds the invocation of a located backend with the tool arguments the catalog made.</summary>
    public static ToolInvocation For(LocatedBackend check, IReadOnlyList<string> toolArguments)
    {
        var path = check.Path ?? throw new InvalidOperationException("The backend is not installed.");
        if (check.Kind == BackendKind.Bpftrace)
        {
            // "--" so that a negative positional parameter is not read as an option; a longer str() keeps arguments whole.
            // No user symbols (profile.bt's ustack prints addresses): bcc before 0.33 (Debian 12 has 0.26) closes a random
            // file descriptor each time bpftrace loads a process's symbols (bcc PR 5193), now and then its stdout or a map.
            // An admin's own program (Invoke-BpfTrace) has no bundled file: its arguments carry the program and their own "--".
            // It keeps bpftrace's own string length (or the admin's BPFTRACE_STRLEN): 200 would push a program with a few
            // str() past the BPF stack limit, where it works when the admin runs bpftrace by hand.
            return check.ProgramPath is { } program
                ? new ToolInvocation(path, ["-f", "json", program, "--", .. toolArguments],
                    new Dictionary<string, string?> { ["BPFTRACE_STRLEN"] = "200", ["BPFTRACE_NO_USER_SYMBOLS"] = "1" })
                : new ToolInvocation(path, ["-f", "json", .. toolArguments], new Dictionary<string, string?> { ["BPFTRACE_NO_USER_SYMBOLS"] = "1" });
        }
        // stdbuf line-buffers C stdio, block-buffered into a pipe (libbpf-tools, and bcc's too); Python needs its own switch.
        var environment = check.Kind == BackendKind.Bcc ? PythonUnbuffered : NoEnvironment;
        var stdbuf = ToolLocator.Find(["stdbuf"]);
        return stdbuf is null
            ? new ToolInvocation(path, toolArguments, environment)
            : new ToolInvocation(stdbuf, ["-oL", path, .. toolArguments], environment);
    }

    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static readonly Dictionary<string, string?> PythonUnbuffered = new() { ["PYTHONUNBUFFERED"] = "1" };

    /// <summary>
    /// Runs through sudo and the module's guard (<see cref="SudoRoute"/>): no parent-death signal (it does not cross
    /// setuid sudo), a stdin pipe held for the run instead, and the stop goes to sudo, which relays it.
    /// </summary>
    public bool ThroughSudo { get; init; }

    /// <summary>The command line as a POSIX shell would take it, for -Verbose.</summary>
    public string CommandLine => CommandArguments.Create([FileName, .. Arguments]).ToString();
}
