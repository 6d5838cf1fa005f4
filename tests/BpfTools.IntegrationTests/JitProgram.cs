using System.Diagnostics;

namespace BpfTools.IntegrationTests;

/// <summary>
/// A small .NET console program with one hot method, BpfSymJitMarker, built once per test run from the SDK's own
/// packs (a nuget.config with no source: nothing is downloaded) outside the repository (its build props do not apply).
/// </summary>
internal static class JitProgram
{
    /// <summary>The hot method's name, as the perf map gives it (with its class and tier around it).</summary>
    public const string Method = "BpfSymJitMarker";

    /// <summary>The program's name, as comm.</summary>
    public const string Name = "bpfsymjit";

    private const string Source = """
        using System.Runtime.CompilerServices;

        static class P
        {
            // Not inlined, so it is a frame of its own; the loop inside keeps the samples in it.
            [MethodImpl(MethodImplOptions.NoInlining)]
            static long BpfSymJitMarker(long n)
            {
                long s = 0;
                for (long i = 0; i < n; i++) s = s * 31 + i;
                return s;
            }

            static void Main(string[] args)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                long total = 0;
                while (clock.Elapsed.TotalSeconds < double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture))
                    total += BpfSymJitMarker(1_000_000);
                System.Console.WriteLine(total);
            }
        }
        """;

    private static readonly Lazy<string> Built = new(BuildOnce);

    /// <summary>Builds it now (about 20 s here), not while a profile runs.</summary>
    public static void Build() => _ = Built.Value;

    /// <summary>Starts it with perf maps on, spinning in the hot method for <paramref name="seconds"/>.</summary>
    public static Process Start(double seconds)
    {
        var start = new ProcessStartInfo(Built.Value, [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        start.Environment["DOTNET_PerfMapEnabled"] = "1";
        return Process.Start(start)!;
    }

    private static string BuildOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bpftools-jitprogram");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Source);
        File.WriteAllText(Path.Combine(folder, Name + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>disable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
        var output = Path.Combine(folder, "out");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-o", output, "-nologo"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
        })!;
        var log = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("the .NET test program did not build offline: " + log);
        }
        return Path.Combine(output, Name);
    }
}
