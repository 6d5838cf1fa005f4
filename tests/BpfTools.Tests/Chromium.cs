using System.Diagnostics;
using System.IO.Compression;
using Xunit;

namespace BpfTools.Tests;

/// <summary>A test that needs Debian's headless Chromium; skipped, saying why, where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed: the rendering checks need a real browser (apt-get install chromium; .ci/setup installs it).";
        }
    }
}

/// <summary>Runs headless Chromium on a file: a screenshot of what a person would see, or the DOM after its scripts ran.</summary>
internal static class Chromium
{
    public static readonly string? Executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static Png Screenshot(string file, string query, int width, int height)
    {
        var png = Path.Combine(Path.GetDirectoryName(file)!, $"shot-{Guid.NewGuid():N}.png");
        Run($"--screenshot={png} --window-size={width},{height}", file, query);
        return Png.Read(File.ReadAllBytes(png));
    }

    public static string Dom(string file, string query) => Run("--dump-dom", file, query);

    private static string Run(string what, string file, string query)
    {
        // Its own profile directory: other tests and people may run Chromium at the same time.
        var profile = Directory.CreateTempSubdirectory("bpftools-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable!,
                $"--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir={profile.FullName} --virtual-time-budget=2000 {what} \"file://{file}{query}\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 60 s: " + stderr.Result);
            }
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

/// <summary>The pixels of a PNG as Chromium writes it: 8-bit RGB or RGBA, not interlaced.</summary>
internal sealed class Png(int width, int height, byte[] rgba)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public (byte R, byte G, byte B) this[int x, int y] => (rgba[((y * Width) + x) * 4], rgba[(((y * Width) + x) * 4) + 1], rgba[(((y * Width) + x) * 4) + 2]);

    /// <summary>How many pixels in the rectangle satisfy <paramref name="match"/>.</summary>
    public int Count(Func<(byte R, byte G, byte B), bool> match, int x0 = 0, int y0 = 0, int x1 = int.MaxValue, int y1 = int.MaxValue)
    {
        var n = 0;
        for (var y = y0; y < Math.Min(y1, Height); y++)
        {
            for (var x = x0; x < Math.Min(x1, Width); x++)
            {
                n += match(this[x, y]) ? 1 : 0;
            }
        }
        return n;
    }

    public static Png Read(byte[] file)
    {
        int Int(int at) => (file[at] << 24) | (file[at + 1] << 16) | (file[at + 2] << 8) | file[at + 3];
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = Int(at);
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            if (type == "IHDR")
            {
                (width, height) = (Int(at + 8), Int(at + 12));
                Assert.True(file[at + 16] == 8 && file[at + 20] == 0, "an 8-bit, non-interlaced PNG");
                channels = file[at + 17] switch { 2 => 3, 6 => 4, var c => throw new NotSupportedException($"PNG colour type {c}") };
            }
            else if (type == "IDAT")
            {
                compressed.Write(file, at + 8, length);
            }
            at += 12 + length;
        }
        compressed.Position = 0;
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            z.CopyTo(raw);
        }
        var data = raw.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var line = data.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0, up = previous[i], corner = i >= channels ? previous[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    _ => Paeth(left, up, corner),
                });
            }
            for (var x = 0; x < width; x++)
            {
                Array.Copy(line, x * channels, rgba, ((y * width) + x) * 4, 3);
            }
            previous = line;
        }
        return new Png(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
