using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads sigsnoop's and killsnoop's text: TIME PID COMM SIG TPID RESULT. libbpf-tools prints
/// <c>%-8s %-7d %-16s %-9d %-7d %-6d</c> (RESULT padded with trailing spaces); bcc's killsnoop <c>%-9s %-6d
/// %-16s %-4d %-6d %d</c>. The name is taken as the 16 characters printf pads it to, so names with spaces parse.
/// SIG is a number (BpfTools never passes -n), but the names of -n (SIGUSR1, and N/A for signal 0) are read too.
/// TPID is negative for a process-group kill; RESULT is 0 or a negative errno.
/// </summary>
/// <remarks>
/// The line is matched as <c>^(\d\d:\d\d:\d\d) +(\d+) +(.{16}) +(\d+|SIG[A-Z0-9+]+|N/A) +(-?\d+) +(-?\d+) *$</c>
/// would; when no 16-character name fits, the shortest name that does.
/// </remarks>
internal sealed class SignalTextParser : OneLineRecordParser<SignalEvent>
{
    private const int NameWidth = 16;

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public SignalTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds: the tools print the time of day (see <see cref="TimeColumn.AtTimeOfDay"/>).</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("TPID", StringComparison.Ordinal) && line.Contains("RESULT", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override SignalEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TextScan.IsClock(s, 0))
        {
            return null;
        }
        var pidEnd = TextScan.SpacedInteger(s, 8, signed: false, out var pidStart);
        if (pidEnd < 0 || pidEnd >= s.Length || s[pidEnd] != ' ')
        {
            return null;
        }
        // libbpf-tools pads the PID to 7 and bcc to 6, each and a space: the name starts there at the latest.
        var latest = Math.Max(pidEnd + 1, pidStart + 8);
        if (!PaddedName.TryRead<Tail, AfterName>(s, Math.Min(latest, s.Length), pidEnd + 1, [NameWidth], out var name, out var tail)
            || !int.TryParse(s[pidStart..pidEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !TryReadSignal(tail.Signal.In(s), out var signal)
            || !int.TryParse(tail.Target.In(s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var target)
            || !int.TryParse(tail.Result.In(s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            || result > 0
            || !_time.TryRead(s, new Column(0, 8), out var timestamp))
        {
            return null;
        }
        return new SignalEvent
        {
            Timestamp = timestamp,
            SenderProcessId = pid,
            SenderName = _names.Get(name.In(s).TrimEnd(' ')),
            TargetProcessId = target,
            SignalNumber = signal,
            Signal = signal == 0 ? null : SignalName.Of(signal),
            Result = result,
        };
    }

    /// <summary>SIG: a number, or with -n a name (real-time signals stay numbers) or N/A for signal 0.</summary>
    private static bool TryReadSignal(ReadOnlySpan<char> text, out int signal)
    {
        if (text is "N/A")
        {
            signal = 0;
            return true;
        }
        if (text.StartsWith("SIG"))
        {
            return SignalName.TryNumber(text.ToString(), out signal);
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out signal) && signal <= 64;
    }

    private record struct Tail(Column Signal, Column Target, Column Result);

    /// <summary>" +SIG +TPID +RESULT *$" from where the name ends.</summary>
    private readonly struct AfterName : ITailReader<Tail>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int i, out Tail tail)
        {
            tail = default;
            var sig = TextScan.Spaces(s, i);
            var sigEnd = sig == i ? -1 : TextScan.NonWhiteSpace(s, sig);
            if (sigEnd <= sig || !TryReadSignal(s[sig..sigEnd], out _))
            {
                return false;
            }
            var targetEnd = TextScan.SpacedInteger(s, sigEnd, signed: true, out var target);
            // RESULT ends the line: libbpf-tools pads it with spaces, bcc does not.
            var result = targetEnd < 0 ? -1 : TextScan.Spaces(s, targetEnd);
            var resultEnd = result > targetEnd ? TextScan.Integer(s, result, signed: true) : -1;
            if (resultEnd < 0 || !TextScan.OnlySpacesFrom(s, resultEnd))
            {
                return false;
            }
            tail = new Tail(new Column(sig, sigEnd), new Column(target, targetEnd), new Column(result, resultEnd));
            return true;
        }
    }
}
