using System.Text;

namespace BpfTools.Runner;

/// <summary>Splits a stream into lines on '\n' only: a '\r' inside a traced argument stays in its line.</summary>
internal static class LineReader
{
    /// <summary>
    /// Reads <paramref name="stream"/> to its end on a thread of its own, calling <paramref name="onLine"/> for each
    /// line and <paramref name="onChunkEnd"/> after the lines of each read: what arrived together is handed on together.
    /// </summary>
    /// <remarks>
    /// Blocking reads on a dedicated thread rather than ReadAsync: a tool under stdbuf -oL writes each line on its
    /// own, and waking an epoll thread, then a thread-pool continuation, for every few lines cost more than parsing them.
    /// The read ends when the tool's end of the pipe closes, which killing the tool guarantees.
    /// </remarks>
    public static Task ReadOnOwnThread(Stream stream, Action<string> onLine, Action? onChunkEnd) =>
        Task.Factory.StartNew(() => Read(stream, onLine, onChunkEnd), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Read(Stream stream, Action<string> onLine, Action? onChunkEnd)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            int newline;
            while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
            {
                onLine(Decode(pending, chunk[..newline]));
                chunk = chunk[(newline + 1)..];
            }
            pending.Write(chunk);
            onChunkEnd?.Invoke();
        }
        if (pending.Length > 0)
        {
            // The tool ended in the middle of a line: hand over what there is, the parser decides.
            onLine(Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length));
            onChunkEnd?.Invoke();
        }
    }

    private static string Decode(MemoryStream pending, ReadOnlySpan<byte> line)
    {
        if (pending.Length == 0)
        {
            return Encoding.UTF8.GetString(line);
        }
        pending.Write(line);
        var text = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        pending.SetLength(0);
        return text;
    }
}
