using System.Diagnostics;
using System.Globalization;
using BpfTools.Commands;
using BpfTools.Parsers;
using BpfTools.Symbols;

/// <summary>
/// --symbols SECONDS: what naming user frames costs (Get-BpfCpuProfile's default), on this process's own code:
/// the first lookups (maps and ELF files read), lookups of frames already named (every later interval of a profile),
/// and profile.bt's captured output read with and without naming. Prints a table of rates.
/// </summary>
internal static class SymbolBench
{
    public static void Run(double seconds)
    {
        var pid = Environment.ProcessId;
        // 4096 addresses spread over this process's executable file mappings (libcoreclr, libc, the JIT...).
        var maps = File.ReadAllLines($"/proc/{pid}/maps").Where(l => l.Contains(" r-xp ", StringComparison.Ordinal) && l.Contains('/')).ToList();
        var frames = new List<string>();
        for (var i = 0; frames.Count < 4096; i++)
        {
            var range = maps[i % maps.Count].Split(' ')[0].Split('-');
            var (start, end) = (Convert.ToUInt64(range[0], 16), Convert.ToUInt64(range[1], 16));
            frames.Add("0x" + (start + (ulong)(i * 7919) % (end - start)).ToString("x", CultureInfo.InvariantCulture));
        }
        var symbols = new Symbolizer();
        var cold = Stopwatch.StartNew();
        var named = frames.Count(f => !symbols.Name(pid, f).StartsWith("0x", StringComparison.Ordinal));
        cold.Stop();
        Console.WriteLine($"| measure | rate |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| first lookups ({frames.Count} addresses in {maps.Count} mappings, {ElfCache.Count} ELF files read; {named} named) | {frames.Count / cold.Elapsed.TotalSeconds:F0} /s ({cold.Elapsed.TotalMilliseconds:F0} ms) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cached lookups (Symbolizer.Name of a bare address already named) | {Rate(seconds, () => { foreach (var f in frames) { symbols.Name(pid, f); } return frames.Count; }):F0} /s |"));

        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "captured", "profile-bpftrace-both.json"));
        Plain(seconds, lines);
        var shared = new Symbolizer();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| the same read and named, lines (its pids looked up in this host's /proc: gone, or other processes by now) | {Rate(seconds, () => Parse(UserFrameNaming.CpuProfile(new BpftraceCpuProfileParser(), shared), lines)):F0} /s |"));
    }

    private static void Plain(double seconds, string[] lines) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| profile-bpftrace-both.json read, lines (bare addresses) | {Rate(seconds, () => Parse(new BpftraceCpuProfileParser(), lines)):F0} /s |"));

    private static int Parse(IRecordParser<BpfTools.Records.CpuStackSample> parser, string[] lines)
    {
        var output = new List<BpfTools.Records.CpuStackSample>();
        foreach (var line in lines)
        {
            parser.Parse(line, output);
        }
        parser.Flush(output);
        return lines.Length;
    }

    // Units per second of CPU time after a warm-up, as --loop measures (a shared machine disturbs CPU time less).
    private static double Rate(double seconds, Func<int> once)
    {
        var warm = Stopwatch.StartNew();
        // As long as the measurement: the JIT's background tiering (counted in the process's CPU time) is over by then.
        while (warm.Elapsed.TotalSeconds < seconds)
        {
            once();
        }
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long units = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            units += once();
        }
        process.Refresh();
        return units / (process.TotalProcessorTime - before).TotalSeconds;
    }
}
