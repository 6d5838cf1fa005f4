using System.Globalization;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the errors bpftrace reports about a program it will not run, from its stderr:
/// "stdin:1:24-24: ERROR: syntax error, unexpected end of file, expecting }", then the program's line, then a line
/// that marks the columns.
/// </summary>
internal static partial class BpfTraceErrorParser
{
    /// <summary>Each located error in <paramref name="stderr"/>, in order; empty when bpftrace blamed no place in the program.</summary>
    public static IReadOnlyList<BpfTraceProgramError> Read(IReadOnlyList<string> stderr)
    {
        var errors = new List<BpfTraceProgramError>();
        for (var i = 0; i < stderr.Count; i++)
        {
            var match = Located().Match(stderr[i]);
            if (!match.Success)
            {
                // LLVM's errors come after the program was accepted, with no place in it (the BPF stack limit).
                if (Llvm().Match(stderr[i]) is { Success: true } llvm)
                {
                    errors.Add(new BpfTraceProgramError { Message = llvm.Groups["message"].Value.Trim() });
                }
                continue;
            }
            var column = Number(match.Groups["column"].Value);
            errors.Add(new BpfTraceProgramError
            {
                File = match.Groups["file"].Value,
                Line = Number(match.Groups["line"].Value),
                Column = column,
                EndColumn = match.Groups["end"].Success ? Number(match.Groups["end"].Value) : column,
                Message = match.Groups["message"].Value.Trim(),
                // The quoted line follows, unless the stderr tail was cut right after the message.
                SourceLine = i + 1 < stderr.Count && !Located().IsMatch(stderr[i + 1]) ? stderr[i + 1] : "",
            });
        }
        return errors;
    }

    // int.Parse would throw on a line number past int's range: nobody writes such a program, so it reads as 0.
    private static int Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    // "error: <unknown>:0:0: in function tracepoint:syscalls:sys_enter_openat i64 (i8*): Looks like the BPF stack limit..."
    [GeneratedRegex(@"^error: <unknown>:\d+:\d+: (?<message>.*)$")]
    private static partial Regex Llvm();

    [GeneratedRegex(@"^(?<file>.+?):(?<line>\d+):(?<column>\d+)(?:-(?<end>\d+))?: ERROR: (?<message>.*)$")]
    private static partial Regex Located();
}
