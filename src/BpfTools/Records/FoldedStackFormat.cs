namespace BpfTools.Records;

/// <summary>
/// Brendan Gregg's folded stack format, as flamegraph.pl reads it: "comm;root;...;leaf count", user frames
/// before kernel frames.
/// </summary>
internal static class FoldedStackFormat
{
    /// <summary>The frames part of a folded line: the name, then user and kernel frames root to leaf (they are given leaf first).</summary>
    public static string Frames(string processName, IEnumerable<string> userStackLeafFirst, IEnumerable<string> kernelStackLeafFirst)
    {
        var parts = new List<string> { Clean(processName) };
        parts.AddRange(userStackLeafFirst.Reverse().Select(Clean));
        parts.AddRange(kernelStackLeafFirst.Reverse().Select(Clean));
        return string.Join(';', parts);
    }

    /// <summary>A whole folded line: the frames, a space, and the sample count.</summary>
    public static string Line(string frames, long count) =>
        frames + " " + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // A ';' would split a frame in two and a newline would end the line: flamegraph.pl has no escaping.
    private static string Clean(string frame) => frame.Replace(';', ':').Replace('\n', ' ');
}
