using System.IO.Pipes;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class PipeSizeTests
{
    [Fact]
    public void A_pipe_is_enlarged_to_a_mebibyte_and_holds_that_much_unread()
    {
        using var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writer = new AnonymousPipeClientStream(PipeDirection.Out, reader.ClientSafePipeHandle);
        Assert.Equal(PipeSize.Wanted, PipeSize.Enlarge(reader));
        // Nobody reads: with the default 64 KiB this write would block for good.
        var write = Task.Run(() => writer.Write(new byte[PipeSize.Wanted / 2]));
        Assert.True(write.Wait(TimeSpan.FromSeconds(30)), "half a mebibyte must fit in the pipe unread");
    }

    [Fact]
    public void A_stream_that_is_not_a_pipe_is_left_alone() => Assert.Equal(0, PipeSize.Enlarge(new MemoryStream()));
}
