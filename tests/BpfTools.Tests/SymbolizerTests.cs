using BpfTools.Commands;
using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Symbols;
using Xunit;

namespace BpfTools.Tests;

/// <summary>
/// Naming bare user addresses of real processes: C programs built here with gcc (with symbols, stripped, and a
/// stripped shared object's exported function), each printing the addresses the test names. Process ids, PIE and
/// ASLR are the kernel's own.
/// </summary>
public class SymbolizerTests
{
    private const string Program = """
        #include <stdio.h>
        #include <unistd.h>
        __attribute__((noinline)) int bpfsym_unit_hot(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
        int main(void) {
            printf("%p\n%p\n", (void *)bpfsym_unit_hot, (void *)main);
            fflush(stdout);
            for (;;) pause();
        }
        """;

    [Fact]
    public void A_function_of_a_program_with_symbols_is_named_function_plus_offset()
    {
        using var program = NativeProgram.Start("bpfsym unit", Program, 2);
        var symbols = new Symbolizer();
        Assert.Equal("bpfsym_unit_hot+7", symbols.Name(program.ProcessId, Hex(program.Addresses[0] + 7)));
        Assert.Equal("main+0", symbols.Name(program.ProcessId, Hex(program.Addresses[1])));
    }

    [Fact]
    public void A_stripped_program_gives_its_module_name()
    {
        using var program = NativeProgram.Start("bpfsym-stripped", Program, 2, stripped: true);
        Assert.Equal("[bpfsym-stripped]", new Symbolizer().Name(program.ProcessId, Hex(program.Addresses[0] + 7)));
    }

    [Fact]
    public void An_exported_function_of_a_stripped_shared_object_is_named_from_dynsym()
    {
        const string library = "__attribute__((noinline)) int bpfsym_unit_exported(int n) { return n * 3 + 1; }";
        const string main = """
            #include <stdio.h>
            #include <unistd.h>
            int bpfsym_unit_exported(int n);
            int main(void) { printf("%p\n%p\n", (void *)bpfsym_unit_exported, (void *)main); fflush(stdout); for (;;) pause(); }
            """;
        using var program = NativeProgram.Start("bpfsym-dynsym", main, 2, stripped: true, library: library);
        var symbols = new Symbolizer();
        Assert.Equal("bpfsym_unit_exported+4", symbols.Name(program.ProcessId, Hex(program.Addresses[0] + 4)));
        // Its own code, stripped, has no name: the module; an address in no mapping is unknown.
        Assert.Equal("[bpfsym-dynsym]", symbols.Name(program.ProcessId, Hex(program.Addresses[1])));
        Assert.Equal("[unknown]", symbols.Name(program.ProcessId, "0x10"));
        Assert.Equal("[unknown]", symbols.Name(program.ProcessId, "0x696a2d736c6f6f74"));
    }

    [Fact]
    public void A_deleted_program_is_read_through_its_mapping_and_named_after_it_exits()
    {
        using var program = NativeProgram.Start("bpfsym-deleted", Program, 2);
        File.Delete(Path.Combine(program.Folder, "bpfsym-deleted"));
        var symbols = new Symbolizer();
        var hot = Hex(program.Addresses[0] + 3);
        symbols.See(program.ProcessId, program.Addresses[0] + 3);
        program.Kill();
        // Gone: the name found while it lived stays, and the last maps still give the module of another address.
        Assert.Equal("bpfsym_unit_hot+3", symbols.Name(program.ProcessId, hot));
        Assert.Equal("main+2", symbols.Name(program.ProcessId, Hex(program.Addresses[1] + 2)));
    }

    [Fact]
    public void Frames_other_than_bare_user_addresses_and_unknown_processes_stay_as_they_are()
    {
        var symbols = new Symbolizer();
        Assert.Equal("schedule+35", symbols.Name(1, "schedule+35"));
        Assert.Equal("0x5643356aab3c", symbols.Name(0, "0x5643356aab3c"));
        // No such process (pid_max is far below): its maps were never read, so nothing better than the address is known.
        Assert.Equal("0x5643356aab3c", symbols.Name(4_000_000, "0x5643356aab3c"));
        string[] frames = ["0x10", "main+1"];
        Assert.Same(frames, symbols.Name(4_000_000, frames));
    }

    [Fact]
    public void A_jit_frame_is_named_from_the_perf_map_read_again_when_an_address_misses()
    {
        // A process of our own (this test host) with a perf map in a folder of the test's: its anonymous memory holds no such code,
        // but the lookup order is what matters: a mapping that is not a file, then the perf map.
        var folder = Directory.CreateTempSubdirectory("bpfsym-perf-").FullName;
        try
        {
            var pid = Environment.ProcessId;
            var maps = MemoryMap.Parse(File.ReadAllLines($"/proc/{pid}/maps"));
            var anon = File.ReadAllLines($"/proc/{pid}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .First(f => f.Length == 5 && f[4] == "0");
            var start = Convert.ToUInt64(anon[0].Split('-')[0], 16);
            var perfMap = Path.Combine(folder, $"perf-{pid}.map");
            File.WriteAllText(perfMap, $"{start:X} 40 P::BpfSymFirst()\n");
            var clock = DateTime.UtcNow;
            var symbols = new Symbolizer(perfMapFolder: folder, now: () => clock);
            Assert.Equal("P::BpfSymFirst()+16", symbols.Name(pid, Hex(start + 16)));
            File.AppendAllText(perfMap, $"{start + 0x40:X} 40 P::BpfSymLater()[OptimizedTier1]\n");
            // Within a second of the last read the map is not read again; after it, it is.
            Assert.Equal("[anon]", symbols.Name(pid, Hex(start + 0x41)));
            clock += TimeSpan.FromSeconds(1);
            Assert.Equal("P::BpfSymLater()[OptimizedTier1]+1", symbols.Name(pid, Hex(start + 0x41)));
            Assert.NotNull(maps.Find(start));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_profile_is_named_interval_by_interval_and_its_folded_stack_follows()
    {
        // profile-bpftrace-both.json's process 10751 (burnprof42), given maps of a fake /proc: its code in a file
        // without symbols; 0x7fffd25947e0 (a return into the stack) in no mapping.
        var proc = Directory.CreateTempSubdirectory("bpfsym-proc-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(proc, "10751"));
            File.WriteAllText(Path.Combine(proc, "10751", "maps"),
                "564335600000-564335700000 r-xp 00000000 fd:01 424242 /nonexistent/burnprof 42\n");
            var parser = UserFrameNaming.CpuProfile(new BpftraceCpuProfileParser(), new Symbolizer(procRoot: proc));
            var samples = Fixtures.ParseAll(parser, Fixtures.Lines("captured/profile-bpftrace-both.json"));
            var burn = samples.Where(s => s.ProcessId == 10751).ToList();
            Assert.NotEmpty(burn);
            Assert.DoesNotContain(burn.SelectMany(s => s.UserStack), f => f.StartsWith("0x", StringComparison.Ordinal));
            Assert.Contains(burn, s => s.UserStack.SequenceEqual(["[burnprof 42]", "[unknown]"]));
            Assert.Contains(burn, s => s.UserStack.SequenceEqual(["__strcspn_sse42+147", "[burnprof 42]", "[unknown]"]));
            Assert.All(burn, s => Assert.Equal(FoldedStackFormat.Frames(s.ProcessName, s.UserStack, s.KernelStack), s.FoldedStack));
            Assert.Contains(burn, s => s.KernelStack.Contains("pvm_irq_enable+25"));
            // Other processes' maps were not there: their addresses stay.
            var plain = Fixtures.ParseAll(new BpftraceCpuProfileParser(), Fixtures.Lines("captured/profile-bpftrace-both.json"));
            Assert.Equal(plain.Where(s => s.ProcessId != 10751).Select(s => s.FoldedStack).Order(),
                samples.Where(s => s.ProcessId != 10751).Select(s => s.FoldedStack).Order());
            Assert.Equal(plain.Sum(s => s.Count), samples.Sum(s => s.Count));
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    private static string Hex(ulong address) => "0x" + address.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
