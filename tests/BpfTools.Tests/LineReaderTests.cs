using System.Text;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class LineReaderTests
{
    [Fact]
    public void Lines_split_on_newline_only_keep_carriage_returns_and_arrive_with_their_chunk()
    {
        var (lines, cut, chunks) = Read(new MemoryStream(Encoding.UTF8.GetBytes("one\r\ntwo\n\nthree\n")));
        Assert.Equal(["one\r", "two", "", "three"], lines);
        Assert.Empty(cut);
        Assert.Equal(1, chunks);
    }

    [Fact]
    public void A_character_split_across_reads_is_decoded_whole()
    {
        // "café ü" one byte per read: each multi-byte character arrives in pieces.
        var (lines, cut, chunks) = Read(new TrickleStream(Encoding.UTF8.GetBytes("caf\u00e9 \u00fc\nnext\n")));
        Assert.Equal(["caf\u00e9 \u00fc", "next"], lines);
        Assert.Empty(cut);
        Assert.True(chunks > 2);
    }

    [Fact]
    public void A_last_line_without_its_newline_is_handed_over_as_cut()
    {
        var (lines, cut, _) = Read(new MemoryStream(Encoding.UTF8.GetBytes("whole\npart of a li")));
        Assert.Equal(["whole"], lines);
        Assert.Equal(["part of a li"], cut);
    }

    [Fact]
    public void A_line_cut_in_the_middle_of_a_character_is_still_handed_over()
    {
        var bytes = Encoding.UTF8.GetBytes("caf\u00e9");
        var (_, cut, _) = Read(new MemoryStream(bytes[..^1]));
        Assert.Equal("caf\uFFFD", Assert.Single(cut));
    }

    [Fact]
    public void A_line_longer_than_a_read_is_whole_and_the_next_short_line_is_only_itself()
    {
        // The reused character buffer grows for the long line; a shorter line after it must not carry its tail.
        var longLine = new string('x', 200_000) + "\u00e9";
        var (lines, cut, _) = Read(new MemoryStream(Encoding.UTF8.GetBytes(longLine + "\nshort\n")));
        Assert.Equal([longLine, "short"], lines);
        Assert.Empty(cut);
    }

    [Fact]
    public void Lines_reach_a_span_handler_without_a_string_each()
    {
        var seen = new List<string>();
        var bytes = Encoding.UTF8.GetBytes("first line\nsecond, longer line\nthird\n");
        LineReader.Read(new MemoryStream(bytes), (LineHandler)(line => seen.Add($"{line.Length}:{line}")), null, _ => { });
        Assert.Equal(["10:first line", "19:second, longer line", "5:third"], seen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public void Lines_read_together_decode_as_each_line_would_alone_even_when_not_valid_utf8(int bytesPerRead)
    {
        // Whole lines of a read are decoded in one call: a broken sequence must not run into the next line.
        byte[][] lineBytes =
        [
            [.. "cut before newline "u8, 0xE2, 0x82],
            [0x80, .. " stray continuation"u8],
            [.. "caf"u8, 0xC3, 0xA9, .. " ok"u8],
            [0xF0, 0x9F, 0x98],
            [.. "lone lead "u8, 0xC3, .. "x"u8],
            [],
        ];
        var bytes = lineBytes.SelectMany(line => line.Append((byte)'\n')).ToArray();
        var (lines, cut, _) = Read(new ChunkStream(bytes, bytesPerRead));
        Assert.Equal(lineBytes.Select(line => Encoding.UTF8.GetString(line)), lines);
        Assert.Empty(cut);
    }

    [Fact]
    public void Each_read_is_told_before_its_lines()
    {
        var seen = new List<string>();
        // Nine bytes a read: "first\nsec", then "ond\n".
        var stream = new ChunkStream(Encoding.UTF8.GetBytes("first\nsecond\n"), 9);
        LineReader.Read(stream, (LineHandler)(line => seen.Add(line.ToString())), null, _ => { }, () => seen.Add("(read)"));
        Assert.Equal(["(read)", "first", "(read)", "second"], seen);
    }

    [Fact]
    public void Nothing_read_means_no_line()
    {
        var (lines, cut, chunks) = Read(new MemoryStream());
        Assert.Empty(lines);
        Assert.Empty(cut);
        Assert.Equal(0, chunks);
    }

    private static (List<string> Lines, List<string> Cut, int Chunks) Read(Stream stream)
    {
        var lines = new List<string>();
        var cut = new List<string>();
        var chunks = 0;
        LineReader.Read(stream, lines.Add, () => chunks++, cut.Add);
        return (lines, cut, chunks);
    }

    /// <summary>A stream that gives one byte per read, as a slow pipe can.</summary>
    [Theory]
    [InlineData(1, 5)]
    [InlineData(4095, 5)]
    [InlineData(4096, 1)]
    [InlineData(16383, 1)]
    [InlineData(16384, 0)]
    [InlineData(65536, 0)]
    public void A_short_read_is_followed_by_a_pause_a_full_one_is_not(int read, int milliseconds) =>
        Assert.Equal(milliseconds, LineReader.PauseAfter(read));

    [Fact]
    public void After_a_short_read_the_next_read_waits_so_lines_can_pile_up()
    {
        var stream = new ReadTimes(Encoding.UTF8.GetBytes("a line the tool wrote alone\n"));
        LineReader.Read(stream, (string _) => { }, null, _ => { });
        // The first read returned one line, the second (end of stream) came after the pause.
        Assert.Equal(2, stream.Times.Count);
        Assert.True(stream.Times[1] - stream.Times[0] >= TimeSpan.FromMilliseconds(4), $"read again after {stream.Times[1] - stream.Times[0]}");
    }

    /// <summary>Notes when each read was made.</summary>
    private sealed class ReadTimes(byte[] bytes) : MemoryStream(bytes)
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public List<TimeSpan> Times { get; } = [];

        public override int Read(Span<byte> buffer)
        {
            Times.Add(_clock.Elapsed);
            return base.Read(buffer);
        }
    }

    /// <summary>A stream that gives at most a set number of bytes per read.</summary>
    private sealed class ChunkStream(byte[] bytes, int size) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(size, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(size, count));
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));
    }
}
