using System.Globalization;
using System.Text;

namespace BpfTools.Records;

/// <summary>bcc's log2 histogram chart (print_log2_hist): `usecs : count | distribution`, bars of up to 40 stars.</summary>
internal static class HistogramChart
{
    /// <summary>The chart of <paramref name="buckets"/>, lowest first, measured in <paramref name="unit"/>.</summary>
    public static string Render(string unit, IEnumerable<(long Low, long High, long Count)> buckets)
    {
        var rows = buckets.ToList();
        var text = new StringBuilder();
        // bcc's print_log2_hist: wider columns once values pass 2^32.
        var wide = rows.Count > 0 && rows[^1].High > uint.MaxValue;
        var width = wide ? 20 : 10;
        text.Append(' ', wide ? 15 : 5).Append(unit.PadRight(wide ? 29 : 19)).Append(" : count    distribution\n");
        var most = rows.Count == 0 ? 0 : rows.Max(b => b.Count);
        foreach (var (low, high, count) in rows)
        {
            var stars = most == 0 ? 0 : (int)(count * 40 / most);
            text.Append(low.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append(" -> ")
                .Append(high.ToString(CultureInfo.InvariantCulture).PadRight(width)).Append(" : ")
                .Append(count.ToString(CultureInfo.InvariantCulture).PadRight(8)).Append(" |")
                .Append(new string('*', stars).PadRight(40)).Append("|\n");
        }
        return text.ToString();
    }
}
