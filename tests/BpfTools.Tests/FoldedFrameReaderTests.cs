using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

public class FoldedFrameReaderTests
{
    [Theory]
    // User frames, the -d delimiter, kernel frames.
    [InlineData("main;work;-;do_syscall_64;vfs_read", "U:main U:work K:do_syscall_64 K:vfs_read")]
    // bcc -a: kernel frames carry "_[k]", given without it, with or without the delimiter.
    [InlineData("main;read;entry_SYSCALL_64_[k];ksys_read_[k]", "U:main U:read K:entry_SYSCALL_64 K:ksys_read")]
    [InlineData("main;-;ksys_read_[k]", "U:main K:ksys_read")]
    // As string.Split(';') cuts: empty frames are frames; a lone delimiter is none.
    [InlineData("a;;b", "U:a U: U:b")]
    [InlineData("", "U:")]
    [InlineData("-", "")]
    [InlineData("-;-;x", "K:x")]
    // Only the end of a frame is its mark.
    [InlineData("x_[k]y", "U:x_[k]y")]
    public void Frames_come_root_first_with_their_side(string frames, string expected)
    {
        var read = new List<string>();
        var reader = new FoldedFrameReader(frames);
        while (reader.TryNext(out var frame, out var isKernel))
        {
            read.Add((isKernel ? "K:" : "U:") + frame.ToString());
        }
        Assert.Equal(expected, string.Join(' ', read));
    }
}
