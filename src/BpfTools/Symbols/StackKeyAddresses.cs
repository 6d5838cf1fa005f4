using System.Globalization;
using System.Text.Json;

namespace BpfTools.Symbols;

/// <summary>
/// The bare user addresses in one {"type": "map"} line of the bundled stack programs (profile.bt, offcputime.bt),
/// with the process each belongs to, so they can be named while the process still lives. A key reads
/// "comm,pid[,tid],\n    frame\n..." (see the programs' parsers); only the process id and the frames matter here.
/// </summary>
internal static class StackKeyAddresses
{
    /// <summary>Whether a line may hold stacks: cheaper than parsing every line.</summary>
    public static bool IsMapLine(string line) => line.StartsWith("{\"type\": \"map\"", StringComparison.Ordinal);

    /// <summary>
    /// The (process id, address) pairs of <paramref name="line"/>; <paramref name="idsAfterPid"/> is how many ids follow
    /// the process id in a key's head (0 for profile.bt's "comm,pid,", 1 for offcputime.bt's "comm,pid,tid,").
    /// Nothing when the line is not such a map (never throws).
    /// </summary>
    public static List<(int ProcessId, ulong Address)> Read(string line, int idsAfterPid)
    {
        var found = new List<(int, ulong)>();
        try
        {
            using var document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return found;
            }
            foreach (var map in data.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var entry in map.Value.EnumerateObject())
                {
                    Add(entry.Name, idsAfterPid, found);
                }
            }
        }
        catch (JsonException)
        {
            // A cut-off line: its parser counts it; whatever it held stays unnamed here.
        }
        return found;
    }

    private static void Add(string key, int idsAfterPid, List<(int, ulong)> found)
    {
        var newline = key.IndexOf('\n');
        var head = (newline < 0 ? key : key[..newline]).AsSpan().TrimEnd(',');
        for (var skip = 0; skip < idsAfterPid; skip++)
        {
            var comma = head.LastIndexOf(',');
            head = comma < 0 ? [] : head[..comma];
        }
        var last = head.LastIndexOf(',');
        if (last < 0 || !int.TryParse(head[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || newline < 0)
        {
            return;
        }
        foreach (var frame in key[(newline + 1)..].Split('\n'))
        {
            if (BareAddress.TryParse(frame.AsSpan().Trim(' '), out var address))
            {
                found.Add((pid, address));
            }
        }
    }
}
