using System.Management.Automation.Host;

namespace BpfTools.Host;

/// <summary>
/// Raw UI that only reports a width for the formatter: the terminal's, else $COLUMNS, else 120
/// (PowerShell's 80-column fallback would wrap the module's tables). Buffer access is unsupported.
/// </summary>
internal sealed class BpfHostRawUserInterface : PSHostRawUserInterface
{
    private static readonly int Width = DetectWidth();

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize { get => new(Width, 1000); set { } }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize { get => new(Width, 50); set { } }

    public override Size MaxWindowSize => WindowSize;

    public override Size MaxPhysicalWindowSize => WindowSize;

    public override bool KeyAvailable => false;

    public override string WindowTitle { get; set; } = "bpftools-host";

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw BpfHostUserInterface.NonInteractive("read keys");

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("no screen buffer");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException("no screen buffer");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException("no screen buffer");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("no screen buffer");

    private static int DetectWidth()
    {
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth > 0)
            {
                return Console.WindowWidth;
            }
        }
        catch (IOException)
        {
            // No usable terminal after all: fall through to $COLUMNS / 120.
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0 ? columns : 120;
    }
}
