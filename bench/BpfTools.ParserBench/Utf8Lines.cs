using System.Text;

/// <summary>
/// Lines as the runner reads them from a tool's stdout: UTF-8 bytes, one after another in one buffer, each line a
/// slice of it without its newline (LineReader hands the parser slices of the 64 KiB it read from the pipe).
/// </summary>
public sealed class Utf8Lines
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;

    public Utf8Lines(IReadOnlyList<string> lines)
    {
        _starts = new int[lines.Count + 1];
        var buffer = new MemoryStream();
        for (var i = 0; i < lines.Count; i++)
        {
            _starts[i] = (int)buffer.Length;
            buffer.Write(Encoding.UTF8.GetBytes(lines[i]));
            buffer.WriteByte((byte)'\n');
        }
        _starts[lines.Count] = (int)buffer.Length;
        _bytes = buffer.ToArray();
    }

    /// <summary>How many lines.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>Line <paramref name="index"/>'s bytes, without its newline.</summary>
    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index] - 1);
}
