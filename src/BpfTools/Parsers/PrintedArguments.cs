using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// execsnoop's argument column kept as printed, <see cref="QuotedArguments.Decode"/>d when first read. It refers
/// to the line it came from (no copy), so a record holds that line until its arguments are read.
/// </summary>
internal sealed class PrintedArguments : DeferredArguments
{
    private string? _line;
    private readonly int _start;

    /// <param name="line">The line (or, for a quote that ran over several lines, their joined text).</param>
    /// <param name="start">Where the argument column starts in it; it runs to the end.</param>
    public PrintedArguments(string line, int start)
    {
        _line = line;
        _start = start;
    }

    /// <inheritdoc/>
    protected override string[]? Decode()
    {
        // Read once: another thread may release it meanwhile (after publishing what it decoded).
        var line = Volatile.Read(ref _line);
        if (line is null)
        {
            return null;
        }
        var args = new List<string>();
        QuotedArguments.Decode(line.AsSpan(_start), args, strings: null);
        return [.. args];
    }

    /// <inheritdoc/>
    protected override void ReleaseText() => Volatile.Write(ref _line, null);
}
