using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>
/// execsnoop's argument column kept as printed, <see cref="QuotedArguments.Decode"/>d when first read. It refers
/// to the line it came from (no copy), so a record holds that line until its arguments are read.
/// </summary>
internal sealed class PrintedArguments : DeferredArguments
{
    [ThreadStatic]
    private static List<string>? t_scratch;

    [ThreadStatic]
    private static StringCache? t_strings;

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
        // As the parser did on every line: into a reused list, with a cache that shares programs and options
        // repeated across records (one of each per thread: records are read from any thread).
        var args = t_scratch ??= [];
        QuotedArguments.Decode(line.AsSpan(_start), args, t_strings ??= new StringCache());
        var items = args.ToArray();
        args.Clear();
        return items;
    }

    /// <inheritdoc/>
    protected override void ReleaseText() => Volatile.Write(ref _line, null);
}
