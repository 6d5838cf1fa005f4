using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// Reads the text of the slow file operation tools: bcc's ext4slower, xfsslower, btrfsslower and nfsslower
/// (<c>"%-8s %-14.14s %-6s %1s %-7s %-8d %7.2f %s"</c>) and libbpf-tools' fsslower
/// (<c>"%-8s %-16s %-7d %c %-7zd %-8lld %7.2f %s"</c>, LL_MAX for a whole-file sync).
/// </summary>
/// <remarks>
/// <para>
/// The name is taken at the width printf pads it to (14 or 16), so names with spaces parse; a name whose bytes
/// outnumber its characters (UTF-8) falls back to a looser match. The file name is the rest of the line.
/// OFF_KB becomes bytes and LAT(ms) a TimeSpan. The T column: R, W, O; S (bcc) or F (libbpf) for a sync;
/// G for an NFS getattr.
/// </para>
/// <para>
/// The line is matched as <c>^(\d\d:\d\d:\d\d) (.{14}|.{16}) +(\d+) +([RWOSFG]) (-?\d+|LL_MAX) +(-?\d+) +(\d+\.\d+) (.*)$</c>
/// would; when neither width fits, the shortest name that does (<c>.+?</c>).
/// bcc cuts the name to 14 columns, libbpf-tools pad it to 16: the widths cannot be confused, as the column
/// after a libbpf name always starts with padding, never with the PID's digits.
/// </para>
/// </remarks>
internal sealed class SlowFileOperationTextParser : OneLineRecordParser<SlowFileOperationEvent>
{
    private const int NameStart = 9;
    private const int BccNameWidth = 14;
    private const int LibbpfNameWidth = 16;

    // Latencies past half of TimeSpan's range are garbage, not a slow operation.
    private static readonly decimal MaxMilliseconds = (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2;
    private static readonly long MaxLatencyTicks = (long)(MaxMilliseconds * TimeSpan.TicksPerMillisecond);

    private readonly string _fileSystem;
    private readonly TimeColumn _time;
    private readonly StringCache _names = new();

    /// <summary>Creates a parser for one file system's output; <paramref name="clock"/> dates the tool's time column.</summary>
    /// <param name="fileSystem">What the tool traces (ext4, xfs, btrfs, nfs): the records' FileSystem.</param>
    /// <param name="clock">The wall clock, replaceable in tests.</param>
    public SlowFileOperationTextParser(string fileSystem, TraceClock? clock = null)
    {
        _fileSystem = fileSystem;
        _time = new TimeColumn(clock ?? TraceClock.System);
    }

    /// <summary>Whole seconds where the tool prints the time of day: see <see cref="TimeColumn.AtTimeOfDay"/>.</summary>
    public override TimeSpan TimeResolution => TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override bool IsHeader(string line) =>
        line.StartsWith("TIME ", StringComparison.Ordinal) && line.Contains("FILENAME", StringComparison.Ordinal);

    /// <inheritdoc/>
    /// <remarks>"Tracing ext4 operations slower than 10 ms" (bcc), "... Hit Ctrl-C to end." (libbpf-tools).</remarks>
    protected override bool IsBanner(string line) => line.StartsWith("Tracing ", StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override SlowFileOperationEvent? Read(ReadOnlySpan<char> line)
    {
        var s = line;
        if (!TryMatch(s, out var row))
        {
            return null;
        }
        var bytesText = row.Bytes.In(s);
        long bytes = long.MaxValue;
        if ((!bytesText.SequenceEqual("LL_MAX") && !long.TryParse(bytesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out bytes))
            || !long.TryParse(row.Offset.In(s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offsetKiB)
            || !int.TryParse(row.Pid.In(s), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || offsetKiB is > long.MaxValue / 1024 or < -(long.MaxValue / 1024)
            || !TryLatency(row.Latency.In(s), out var latencyTicks)
            || !_time.TryRead(s[..8], out var timestamp))
        {
            return null;
        }
        return new SlowFileOperationEvent
        {
            Timestamp = timestamp,
            ProcessName = _names.Get(row.Name.In(s).TrimEnd(' ')),
            ProcessId = pid,
            FileSystem = _fileSystem,
            Operation = Operation(s[row.Operation]),
            Bytes = bytes,
            Offset = offsetKiB * 1024,
            Latency = TimeSpan.FromTicks(latencyTicks),
            FileName = new string(row.File.In(s)),
        };
    }

    private static bool TryLatency(ReadOnlySpan<char> milliseconds, out long ticks)
    {
        if (!DecimalText.TryScaleTruncated(milliseconds, TimeSpan.TicksPerMillisecond, out ticks))
        {
            return false;
        }
        // At the limit, the digits past the tick decide.
        return ticks < MaxLatencyTicks
            || (ticks == MaxLatencyTicks && decimal.Parse(milliseconds, CultureInfo.InvariantCulture) <= MaxMilliseconds);
    }

    private static FileOperation Operation(char letter) => letter switch
    {
        'R' => FileOperation.Read,
        'W' => FileOperation.Write,
        'O' => FileOperation.Open,
        'G' => FileOperation.GetAttributes,
        _ => FileOperation.Sync,
    };

    private record struct Row(Column Name, Column Pid, int Operation, Column Bytes, Column Offset, Column Latency, Column File);

    private static bool TryMatch(ReadOnlySpan<char> s, out Row row)
    {
        row = default;
        if (!TextScan.IsClock(s, 0) || s.Length <= NameStart || s[8] != ' ')
        {
            return false;
        }
        if (!PaddedName.TryRead<Row, AfterName>(s, NameStart, NameStart, [BccNameWidth, LibbpfNameWidth], out var name, out row))
        {
            return false;
        }
        row.Name = name;
        return true;
    }

    /// <summary>The columns after the name: " +PID +T BYTES +OFF_KB +LAT FILENAME".</summary>
    private readonly struct AfterName : ITailReader<Row>
    {
        public static bool TryRead(ReadOnlySpan<char> s, int nameEnd, out Row row)
        {
            row = default;
            var op = TextScan.PaddedInteger(s, nameEnd, signed: false, out var pid);
            if (op < 0 || op + 2 >= s.Length || s[op] is not ('R' or 'W' or 'O' or 'S' or 'F' or 'G') || s[op + 1] != ' ')
            {
                return false;
            }
            var bytes = op + 2;
            var bytesEnd = TextScan.Integer(s, bytes, signed: true);
            if (bytesEnd < 0 && s[bytes..].StartsWith("LL_MAX"))
            {
                bytesEnd = bytes + 6;
            }
            if (bytesEnd < 0 || bytesEnd >= s.Length || s[bytesEnd] != ' ')
            {
                return false;
            }
            var latency = TextScan.PaddedInteger(s, bytesEnd, signed: true, out var offset);
            var latencyEnd = latency < 0 ? -1 : TextScan.Decimal(s, latency, signed: false);
            if (latencyEnd < 0 || latencyEnd >= s.Length || s[latencyEnd] != ' ')
            {
                return false;
            }
            row = new Row(default, pid, op, new Column(bytes, bytesEnd), offset, new Column(latency, latencyEnd),
                new Column(latencyEnd + 1, s.Length));
            return true;
        }
    }
}
