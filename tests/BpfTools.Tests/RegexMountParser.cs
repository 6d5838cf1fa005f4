using System.Globalization;
using System.Text.RegularExpressions;
using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Tests;

/// <summary>The regular-expression reader MountTextParser had, kept as the oracle its span reader must agree with.</summary>
internal sealed partial class RegexMountParser : OneLineRecordParser<MountEvent>
{
    private const string Flags = @"(?<flags>\w+(?: \| \w+)*)";
    private const string Ret = @"\) = (?<ret>-?\d+|-E[A-Z0-9]+)$";

    private readonly TimeColumn _time;
    private readonly StringCache _names = new();
    private readonly StringCache _values = new();

    /// <summary>Creates a parser; <paramref name="clock"/> dates the TIME column, or the line's arrival without one.</summary>
    public RegexMountParser(TraceClock? clock = null) => _time = new TimeColumn(clock ?? TraceClock.System);

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    // COMM is printed %-16s and a comm has at most 15 characters, so the name is always the 16 characters
    // before a space: names with spaces or digits parse.
    [GeneratedRegex(@"^(?:(?<time>\d\d:\d\d:\d\d) +)?(?<comm>.{16}) (?<pid>\d+) +(?<tid>\d+) +(?<ns>\d+) +(?<call>u?mount\(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Row();

    // Lazy source: the first '", "' ends it; greedy target up to the quote-free fstype and the unquoted flags.
    [GeneratedRegex(@"^mount\(""(?<src>.*?)"", ""(?<target>.*)"", ""(?<fs>[^""]*)"", " + Flags + @", ""(?<data>.*)""" + Ret, RegexOptions.CultureInvariant)]
    private static partial Regex MountCall();

    [GeneratedRegex(@"^umount\(""(?<target>.*)"", " + Flags + Ret, RegexOptions.CultureInvariant)]
    private static partial Regex UmountCall();

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.Contains("MNT_NS", StringComparison.Ordinal) && line.Contains("CALL", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override MountEvent? Read(ReadOnlySpan<char> span)
    {
        // The oracle matches strings; its speed is not measured.
        var line = span.ToString();
        var row = Row().Match(line);
        if (!row.Success)
        {
            return null;
        }
        var text = row.Groups["call"].Value;
        var isMount = text.StartsWith("mount(", StringComparison.Ordinal);
        var call = isMount ? MountCall().Match(text) : UmountCall().Match(text);
        var time = row.Groups["time"];
        if (!call.Success
            || !int.TryParse(row.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(row.Groups["tid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
            || !long.TryParse(row.Groups["ns"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
            || !TryReadResult(call.Groups["ret"].Value, out var result, out var error)
            || !_time.TryRead(line, time.Success ? new Column(time.Index, time.Index + time.Length) : Column.Absent, out var timestamp))
        {
            return null;
        }
        return new MountEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(row.Groups["comm"].ValueSpan.TrimEnd(' ')),
            ProcessId = pid,
            ThreadId = tid,
            MountNamespace = ns,
            Call = isMount ? Records.MountCall.Mount : Records.MountCall.Umount,
            Source = isMount ? call.Groups["src"].Value : "",
            Target = call.Groups["target"].Value,
            FileSystemType = isMount ? _values.Get(call.Groups["fs"].ValueSpan) : "",
            Flags = _values.Get(call.Groups["flags"].ValueSpan),
            Data = isMount ? call.Groups["data"].Value : "",
            Result = result,
            Error = error,
        };
    }

    /// <summary>RET: "0", "-ENOENT" (the errno name), or a negative number for an errno the tool cannot name.</summary>
    private static bool TryReadResult(string text, out int result, out string? error)
    {
        error = null;
        if (text.StartsWith("-E", StringComparison.Ordinal))
        {
            error = text[1..];
            // An errno name Errno does not know keeps its name; its number is then unknown, so -1 stands for it.
            result = Errno.TryNumber(error, out var number) ? -number : -1;
            return true;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
        {
            return false;
        }
        if (result < 0)
        {
            error = Errno.Name(-result);
        }
        return true;
    }
}
