using System.Text;

namespace BpfTools.Runner;

/// <summary>Takes one line (without its newline). The line is the reader's buffer, valid only during the call.</summary>
internal delegate void LineHandler(ReadOnlySpan<char> line);

/// <summary>Splits a stream into lines on '\n' only: a '\r' inside a traced argument stays in its line.</summary>
internal static class LineReader
{
    /// <summary>
    /// Reads <paramref name="stream"/> to its end on a thread of its own, calling <paramref name="onLine"/> for each
    /// line and <paramref name="onChunkEnd"/> after the lines of each read: what arrived together is handed on together.
    /// A last line without its newline (the tool ended, or was killed, in the middle of writing it) goes to
    /// <paramref name="onCutLine"/>: it may look whole and still be cut short. <paramref name="onRead"/> is called as
    /// each read returns, before its lines: when they arrived.
    /// </summary>
    /// <remarks>
    /// Blocking reads on a dedicated thread rather than ReadAsync: a tool under stdbuf -oL writes each line on its
    /// own, and waking an epoll thread, then a thread-pool continuation, for every few lines cost more than parsing them.
    /// The read ends when the tool's end of the pipe closes, which killing the tool guarantees.
    /// After a short read the thread waits a few milliseconds before the next (see <see cref="PauseAfter"/>).
    /// </remarks>
    public static Task ReadOnOwnThread(Stream stream, LineHandler onLine, Action? onChunkEnd, Action<string> onCutLine, Action? onRead = null)
    {
        PipeSize.Enlarge(stream);
        return Task.Factory.StartNew(() => Read(stream, onLine, onChunkEnd, onCutLine, onRead), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Reads <paramref name="stream"/> to its end on this thread, each line as a string.</summary>
    public static void Read(Stream stream, Action<string> onLine, Action? onChunkEnd, Action<string> onCutLine) =>
        Read(stream, AsStrings(onLine), onChunkEnd, onCutLine);

    /// <summary>A handler that makes each line a string, for a reader that keeps its lines (stderr's).</summary>
    public static LineHandler AsStrings(Action<string> onLine) => line => onLine(line.ToString());

    /// <summary>
    /// Reads <paramref name="stream"/> to its end on this thread (see <see cref="ReadOnOwnThread"/>). Each line is
    /// decoded into one reused buffer: a parser that copies out what it keeps needs no string of the line.
    /// </summary>
    public static void Read(Stream stream, LineHandler onLine, Action? onChunkEnd, Action<string> onCutLine, Action? onRead = null)
    {
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length];
        var pending = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            onRead?.Invoke();
            var chunk = buffer.AsSpan(0, read);
            int newline;
            while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
            {
                onLine(Decode(pending, chunk[..newline], ref chars));
                chunk = chunk[(newline + 1)..];
            }
            pending.Write(chunk);
            onChunkEnd?.Invoke();
            if (PauseAfter(read) is var milliseconds and > 0)
            {
                Thread.Sleep(milliseconds);
            }
        }
        if (pending.Length > 0)
        {
            onCutLine(Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length));
            onChunkEnd?.Invoke();
        }
    }

    /// <summary>
    /// After a short read, lets lines pile up in the pipe before the next. A tool under stdbuf -oL writes each line
    /// on its own, so at a moderate rate (20K events/s) every read held one to three lines, and this thread and the
    /// pipeline thread woke for each: most of what tracing cost the host (bench/host-cost: 3.3 s of pwsh CPU for
    /// 10 s at 20K/s, 1.9 s with the pause). A full read means the tool is writing fast, and the next read goes at
    /// once. The pause adds at most 5 ms to an event's way to the pipeline; the pipe, enlarged to 1 MiB
    /// (<see cref="PipeSize"/>), holds 5 ms of 200 MB/s, so the tool does not block on it.
    /// </summary>
    /// <returns>How many milliseconds to wait before the next read.</returns>
    internal static int PauseAfter(int read) => read switch
    {
        < 4 * 1024 => 5,
        < 16 * 1024 => 1,
        _ => 0,
    };

    /// <summary>The line, with what an earlier read left of it in <paramref name="pending"/>, decoded into <paramref name="chars"/> (grown to fit).</summary>
    internal static ReadOnlySpan<char> Decode(MemoryStream pending, ReadOnlySpan<byte> line, ref char[] chars)
    {
        if (pending.Length > 0)
        {
            pending.Write(line);
            line = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        }
        // UTF-8 never decodes to more chars than it has bytes.
        if (chars.Length < line.Length)
        {
            chars = new char[line.Length];
        }
        var length = Encoding.UTF8.GetChars(line, chars);
        pending.SetLength(0);
        return chars.AsSpan(0, length);
    }
}
