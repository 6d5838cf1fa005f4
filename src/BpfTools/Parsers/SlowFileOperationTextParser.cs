using System.Globalization;
using System.Text.RegularExpressions;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the text of the slow file operation tools: bcc's ext4slower, xfsslower, btrfsslower and nfsslower
/// (<c>"%-8s %-14.14s %-6s %1s %-7s %-8d %7.2f %s"</c>) and libbpf-tools' fsslower
/// (<c>"%-8s %-16s %-7d %c %-7zd %-8lld %7.2f %s"</c>, LL_MAX for a whole-file sync).
/// </summary>
/// <remarks>
/// The name is taken at the width printf pads it to (14 or 16), so names with spaces parse; a name whose bytes
/// outnumber its characters (UTF-8) falls back to a looser match. The file name is the rest of the line.
/// OFF_KB becomes bytes and LAT(ms) a TimeSpan. The T column: R, W, O; S (bcc) or F (libbpf) for a sync;
/// G for an NFS getattr.
/// </remarks>
public sealed class SlowFileOperationTextParser : OneLineRecordParser<SlowFileOperationEvent>
{
    private const string Head = @"^(?<time>\d\d:\d\d:\d\d) ";
    private const string Tail = @" +(?<pid>\d+) +(?<op>[RWOSFG]) (?<bytes>-?\d+|LL_MAX) +(?<off>-?\d+) +(?<lat>\d+\.\d+) (?<file>.*)$";

    // bcc cuts the name to 14 columns, libbpf-tools pad it to 16: the widths cannot be confused, as the column
    // after a libbpf name always starts with padding, never with the PID's digits.
    private static readonly Regex Strict = new(Head + "(?<comm>.{14}|.{16})" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Loose = new(Head + "(?<comm>.+?)" + Tail, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly string _fileSystem;
    private readonly TraceClock _clock;

    /// <summary>Creates a parser for one file system's output; <paramref name="clock"/> dates the tool's time column.</summary>
    /// <param name="fileSystem">What the tool traces (ext4, xfs, btrfs, nfs): the records' FileSystem.</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public SlowFileOperationTextParser(string fileSystem, TraceClock? clock = null)
    {
        _fileSystem = fileSystem;
        _clock = clock ?? TraceClock.System;
    }

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME ", StringComparison.Ordinal) && line.Contains("FILENAME", StringComparison.Ordinal);

    /// <inheritdoc/>
    /// <remarks>"Tracing ext4 operations slower than 10 ms" (bcc), "... Hit Ctrl-C to end." (libbpf-tools).</remarks>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing ", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override SlowFileOperationEvent? Read(string line)
    {
        var m = StrictOrLoose(Strict, Loose, line);
        return m.Success && TryRead(m, out var record) ? record : null;
    }

    private bool TryRead(Match m, out SlowFileOperationEvent record)
    {
        record = null!;
        var bytesText = m.Groups["bytes"].Value;
        long bytes = long.MaxValue;
        if ((bytesText != "LL_MAX" && !long.TryParse(bytesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out bytes))
            || !long.TryParse(m.Groups["off"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offsetKiB)
            || !int.TryParse(m.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !decimal.TryParse(m.Groups["lat"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milliseconds)
            || Math.Abs(offsetKiB) > long.MaxValue / 1024
            || milliseconds > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2
            || !TimeSpan.TryParseExact(m.Groups["time"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var timeOfDay))
        {
            return false;
        }
        record = new SlowFileOperationEvent
        {
            Timestamp = WallClock.AtTimeOfDay(timeOfDay, _clock.Now),
            ProcessName = m.Groups["comm"].Value.TrimEnd(' '),
            ProcessId = pid,
            FileSystem = _fileSystem,
            Operation = Operation(m.Groups["op"].ValueSpan[0]),
            Bytes = bytes,
            Offset = offsetKiB * 1024,
            Latency = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond)),
            FileName = m.Groups["file"].Value,
        };
        return true;
    }

    private static FileOperation Operation(char letter) => letter switch
    {
        'R' => FileOperation.Read,
        'W' => FileOperation.Write,
        'O' => FileOperation.Open,
        'G' => FileOperation.GetAttributes,
        _ => FileOperation.Sync,
    };
}
