using System.Text;

namespace BpfTools.Runner;

/// <summary>Splits a stream into lines on '\n' only: a '\r' inside a traced argument stays in its line.</summary>
internal static class LineReader
{
    /// <summary>
    /// Calls <paramref name="onLine"/> for each line, and <paramref name="onChunkEnd"/> after the lines of each read:
    /// what arrived together can be handed on together.
    /// </summary>
    public static async Task ReadAsync(Stream stream, Action<string> onLine, Action? onChunkEnd, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                onLine(Decode(pending, buffer, start, i - start));
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
            onChunkEnd?.Invoke();
        }
        if (pending.Length > 0)
        {
            // The tool ended in the middle of a line: hand over what there is, the parser decides.
            onLine(Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length));
            onChunkEnd?.Invoke();
        }
    }

    private static string Decode(MemoryStream pending, byte[] buffer, int start, int count)
    {
        if (pending.Length == 0)
        {
            return Encoding.UTF8.GetString(buffer, start, count);
        }
        pending.Write(buffer, start, count);
        var line = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        pending.SetLength(0);
        return line;
    }
}
