using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads syscount.bt's output (see <see cref="BpftraceWindowParser{T}"/>): each window's @count, @failed and @ns,
/// keyed by syscall number or process id, and @comm by process id. A window's rows are the top ones, sorted as
/// syscount sorts them (by time with -Latency, else by count).
/// </summary>
/// <remarks>
/// The maps are printed one after the other while calls go on, so a key's failures can be a little out of step with
/// its count; they are kept as printed. Syscall numbers are named by <see cref="SyscallNames"/>.
/// </remarks>
internal sealed class BpftraceSyscallParser : BpftraceWindowParser<SyscallSummary>
{
    private readonly bool _perProcess;
    private readonly bool _latency;
    private readonly int _top;

    /// <summary>Creates a parser.</summary>
    /// <param name="perProcess">Keys are process ids (-P), not syscall numbers.</param>
    /// <param name="latency">The run measured time (-L).</param>
    /// <param name="top">How many rows a window keeps (-T).</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public BpftraceSyscallParser(bool perProcess, bool latency, int top, TraceClock? clock = null)
        : base(clock)
    {
        _perProcess = perProcess;
        _latency = latency;
        _top = top;
    }

    /// <inheritdoc/>
    protected override List<SyscallSummary> Rows(DateTime start, DateTime end, Func<string, Dictionary<string, long>?> numbers,
        Func<string, Dictionary<string, string>?> strings)
    {
        var rows = new List<SyscallSummary>();
        if (numbers("@count") is not { } counts)
        {
            return rows;
        }
        var failed = numbers("@failed");
        var ns = numbers("@ns");
        var comms = strings("@comm");
        foreach (var (key, count) in counts)
        {
            if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                || (_perProcess && number is < 0 or > int.MaxValue))
            {
                Stats.CountUnparsed($"@count[{key}]: {count}");
                continue;
            }
            var errors = failed?.GetValueOrDefault(key) ?? 0;
            TimeSpan? total = _latency ? TimeSpan.FromTicks((ns?.GetValueOrDefault(key) ?? 0) / 100) : null;
            rows.Add(_perProcess
                ? SyscallSummary.Create(start, end, null, (int)number, comms?.GetValueOrDefault(key) ?? "", count, errors, total)
                : SyscallSummary.Create(start, end, SyscallNames.Name(number), null, null, count, errors, total));
        }
        return [.. rows.OrderByDescending(r => _latency ? r.TotalTime!.Value.Ticks : r.Count).Take(_top)];
    }
}
