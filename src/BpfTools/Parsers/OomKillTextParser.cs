using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads oomkill's text (libbpf-tools and bcc print the same sentence):
/// <c>HH:MM:SS Triggered by PID %d ("%s"), OOM kill of PID %d ("%s"), %lld pages, loadavg: %s</c>, the last
/// being /proc/loadavg as read ("0.99 0.39 0.30 3/282 22724"); without /proc/loadavg the line ends at "pages".
/// No header: the banner ("Tracing OOM kills...", bcc's "Tracing oom_kill_process()...") follows the attach.
/// </summary>
/// <remarks>
/// The names are quoted, not padded, and a comm may hold quotes, commas and spaces: the trigger's ends at the
/// first <c>"), OOM kill of PID </c> (longer than any comm), the victim's at the first <c>"), </c> that the page
/// count and the end of the line or the load averages follow.
/// </remarks>
internal sealed class OomKillTextParser : OneLineRecordParser<OomKillEvent>
{
    private const string Triggered = " Triggered by PID ";
    private const string OpenName = " (\"";
    private const string Killed = "\"), OOM kill of PID ";
    private const string CloseName = "\"), ";
    private const string Pages = " pages";
    private const string LoadAverage = ", loadavg: ";

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the tool's time column.</summary>
    public OomKillTextParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds: the tools print the time of day.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <summary>The banner stands for the header: both tools print it once their probe is attached.</summary>
    protected override bool IsHeader(string line) => line.StartsWith("Tracing ", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override OomKillEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TextScan.IsClock(s, 0) || !s[8..].StartsWith(Triggered))
        {
            return null;
        }
        var triggerPid = ReadPid(s, 8 + Triggered.Length, out var triggerName);
        var triggerEnd = triggerPid < 0 ? -1 : s[triggerName..].IndexOf(Killed);
        if (triggerEnd < 0)
        {
            return null;
        }
        var victimStart = triggerName + triggerEnd + Killed.Length;
        var victimPid = ReadPid(s, victimStart, out var victimName);
        if (victimPid < 0 || !TryReadTail(s, victimName, out var victimEnd, out var pages, out var load)
            || !_time.TryRead(s, new Column(0, 8), out var timestamp))
        {
            return null;
        }
        return new OomKillEvent
        {
            Timestamp = timestamp,
            TriggerProcessId = triggerPid,
            TriggerName = _names.Get(s[triggerName..(triggerName + triggerEnd)]),
            ProcessId = victimPid,
            ProcessName = _names.Get(s[victimName..victimEnd]),
            TotalPages = pages,
            LoadAverage1 = load?.One,
            LoadAverage5 = load?.Five,
            LoadAverage15 = load?.Fifteen,
        };
    }

    /// <summary>A PID at <paramref name="i"/> followed by <c> ("</c>; -1 when not there.</summary>
    private static int ReadPid(ReadOnlySpan<char> s, int i, out int nameStart)
    {
        var end = TextScan.Integer(s, i, signed: false);
        nameStart = end + OpenName.Length;
        return end > 0 && s[end..].StartsWith(OpenName)
            && int.TryParse(s[i..end], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1;
    }

    /// <summary>From the victim's name on: the first <c>"), N pages</c> that ends the line or leads to the load averages.</summary>
    private static bool TryReadTail(ReadOnlySpan<char> s, int nameStart, out int nameEnd, out long pages, out (double One, double Five, double Fifteen)? load)
    {
        for (var from = nameStart; from < s.Length; from = nameEnd + 1)
        {
            var close = s[from..].IndexOf(CloseName);
            if (close < 0)
            {
                break;
            }
            nameEnd = from + close;
            var count = nameEnd + CloseName.Length;
            var countEnd = TextScan.Integer(s, count, signed: false);
            if (countEnd < 0 || !s[countEnd..].StartsWith(Pages)
                || !long.TryParse(s[count..countEnd], NumberStyles.None, CultureInfo.InvariantCulture, out pages))
            {
                continue;
            }
            var rest = s[(countEnd + Pages.Length)..];
            if (rest.IsEmpty)
            {
                load = null;
                return true;
            }
            if (rest.StartsWith(LoadAverage) && TryReadLoad(rest[LoadAverage.Length..], out var averages))
            {
                load = averages;
                return true;
            }
        }
        nameEnd = -1;
        pages = 0;
        load = null;
        return false;
    }

    /// <summary>The three averages that start /proc/loadavg ("0.99 0.39 0.30 3/282 22724"); what follows is not kept.</summary>
    private static bool TryReadLoad(ReadOnlySpan<char> s, out (double, double, double) load)
    {
        load = default;
        Span<double> values = stackalloc double[3];
        var i = 0;
        for (var n = 0; n < 3; n++)
        {
            var end = TextScan.WholeOrDecimal(s, i);
            if (end < 0 || (end < s.Length && s[end] != ' ') || !DecimalText.TryDouble(s[i..end], out values[n]))
            {
                return false;
            }
            i = end + 1;
        }
        load = (values[0], values[1], values[2]);
        return true;
    }
}
