using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>
/// The shared part of the parsers of tools that print a header, then one complete record per line
/// (opensnoop, biosnoop, tcplife, tcpretrans, the *slower tools): the header means tracing has started,
/// blank lines and banners are skipped, and a line that is not a record is counted, never thrown on.
/// </summary>
internal abstract class OneLineRecordParser<T> : IRecordParser<T> where T : class
{
    /// <inheritdoc/>
    public ParseStats Stats { get; } = new();

    /// <inheritdoc/>
    public LineKind Parse(string line, List<T> output) => Parse(line, line, output);

    /// <inheritdoc/>
    public LineKind Parse(ReadOnlySpan<char> line, List<T> output) => Parse(line, null, output);

    /// <summary>Reads <paramref name="line"/>; <paramref name="text"/> is the same line as a string, when the caller has one.</summary>
    /// <remarks>
    /// Compiled fully optimized at once, without tiering's profile: this code is shared by every parser of this kind
    /// (generic over records, which are classes), and the profile of the first tool a session ran shaped it for
    /// that tool's parser; in the parser bench, formats read later in the same process ran up to a third slower.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LineKind Parse(ReadOnlySpan<char> line, string? text, List<T> output)
    {
        Stats.CountLine();
        // A record first: a path or name can hold the header's words, and such an event must not be taken for it.
        if (line.Length > 0 && Read(line) is { } record)
        {
            Stats.CountRecord();
            output.Add(record);
            return LineKind.Record;
        }
        // Not a record: rare (the header, a banner, a broken line), so these checks may take a string.
        text ??= line.ToString();
        if (IsHeader(text))
        {
            return LineKind.Ready;
        }
        if (text.Length == 0 || IsBanner(text))
        {
            return LineKind.Ignored;
        }
        Stats.CountUnparsed(text);
        return LineKind.Unparsable;
    }

    /// <inheritdoc/>
    public void Flush(List<T> output)
    {
        // Every record is complete on its own line.
    }

    /// <inheritdoc/>
    public virtual TimeSpan TimeResolution => TimeSpan.Zero;

    /// <summary>True for the column header line.</summary>
    protected abstract bool IsHeader(string line);

    /// <summary>True for a line the tool prints before tracing ("Tracing ... Hit Ctrl-C to end.").</summary>
    protected virtual bool IsBanner(string line) => false;

    /// <summary>The record on this line, or null when it is not one. The line is the reader's buffer: keep nothing of it but copies.</summary>
    protected abstract T? Read(ReadOnlySpan<char> line);
}
