using BpfTools.Symbols;
using Xunit;

namespace BpfTools.Tests;

/// <summary>/proc/PID/maps and perf map lines, read without a process: the shapes the kernel and .NET write.</summary>
public class SymbolFilesTests
{
    private static readonly string[] Maps =
    [
        "55d0c1e00000-55d0c1e01000 r--p 00000000 fd:01 131090                     /usr/bin/dash",
        "55d0c1e01000-55d0c1e15000 r-xp 00001000 fd:01 131090                     /usr/bin/dash",
        "55d0c2a4e000-55d0c2a6f000 rw-p 00000000 00:00 0                          [heap]",
        "7f1c2a000000-7f1c2a021000 r-xp 00002000 fd:01 5242 /opt/my app/lib two.so",
        "7f1c2b000000-7f1c2b100000 r-xp 00000000 00:01 77                         /memfd:doublemapper (deleted)",
        "7f1c2c000000-7f1c2c001000 r-xp 00001000 fd:01 9911                       /tmp/bpfsym old/prog (deleted)",
        "7f1c2d000000-7f1c2d100000 rwxp 00000000 00:00 0 ",
        "7ffd1e3f3000-7ffd1e3f5000 r-xp 00000000 00:00 0                          [vdso]",
        "not a mapping",
        "7f1c2e000000-7f1c2e001000 r-xp zz fd:01 1 /cut",
    ];

    [Fact]
    public void Maps_lines_give_ranges_files_and_module_names()
    {
        var maps = MemoryMap.Parse(Maps);
        Assert.Equal(8, maps.Count);
        var dash = maps.Find(0x55d0c1e01000 + 0x10)!;
        Assert.Equal((0x1000UL, "fd:01", 131090L, "/usr/bin/dash", "[dash]"), (dash.Offset, dash.Device, dash.Inode, dash.Path, dash.ModuleName));
        Assert.True(dash.IsFile);
        Assert.Equal("/opt/my app/lib two.so", maps.Find(0x7f1c2a000010)!.Path);
        Assert.Equal("[lib two.so]", maps.Find(0x7f1c2a000010)!.ModuleName);
        var deleted = maps.Find(0x7f1c2c000000)!;
        Assert.Equal(("/tmp/bpfsym old/prog", true, "[prog]"), (deleted.Path, deleted.Deleted, deleted.ModuleName));
        var memfd = maps.Find(0x7f1c2b000010)!;
        Assert.Equal(("[memfd:doublemapper]", false), (memfd.ModuleName, memfd.IsFile));
        Assert.Equal("[anon]", maps.Find(0x7f1c2d000000)!.ModuleName);
        Assert.Equal("[vdso]", maps.Find(0x7ffd1e3f3100)!.ModuleName);
        Assert.Equal("[heap]", maps.Find(0x55d0c2a4e000)!.ModuleName);
    }

    [Fact]
    public void An_address_outside_every_mapping_finds_none()
    {
        var maps = MemoryMap.Parse(Maps);
        Assert.Null(maps.Find(0x1000));
        Assert.Null(maps.Find(0x55d0c1e15000)); // End is past the last address.
        Assert.Null(maps.Find(0x7fffffffffff));
        Assert.Null(MemoryMap.Empty.Find(0x55d0c1e01000));
    }

    [Fact]
    public void Perf_map_lines_name_jit_code_with_spaces_and_skip_garbage()
    {
        var map = PerfMap.Parse(
        [
            "7F0A1B2C0000 4e [PreJIT] instance void [System.Private.CoreLib] System.Object::.ctor()",
            // .NET 10's shape, with 0x.
            "0x7f0a1b2d0000 120 instance int32 [bpfsymjit] P::BpfSymJitHot(int32)[OptimizedTier1OSR]",
            "7f0a1b2d0040 10 stub<1> AllocateTemporaryEntryPoints<PRECODE_STUB>",
            "7f0a1b2e0000 0 empty",
            "zzzz 10 bad",
            "7f0a1b2f0000 10",
        ]);
        Assert.Equal(3, map.Count);
        Assert.Equal(("instance int32 [bpfsymjit] P::BpfSymJitHot(int32)[OptimizedTier1OSR]", 0x20UL), map.Find(0x7f0a1b2d0020));
        // A stub inside a method's range: the stub, the innermost.
        Assert.Equal(("stub<1> AllocateTemporaryEntryPoints<PRECODE_STUB>", 0x4UL), map.Find(0x7f0a1b2d0044));
        Assert.Equal(("instance int32 [bpfsymjit] P::BpfSymJitHot(int32)[OptimizedTier1OSR]", 0x60UL), map.Find(0x7f0a1b2d0060));
        Assert.Equal("[PreJIT] instance void [System.Private.CoreLib] System.Object::.ctor()", map.Find(0x7f0a1b2c0000)!.Value.Name);
        Assert.Null(map.Find(0x7f0a1b2c004e));
        Assert.Null(map.Find(0x7f0a1b2e0000));
    }

    [Theory]
    [InlineData("0x5643356aab3c", true, 0x5643356aab3cUL)]
    [InlineData("0x7fffd25947e0", true, 0x7fffd25947e0UL)]
    [InlineData("0x696a2d736c6f6f74", true, 0x696a2d736c6f6f74UL)] // Text a frame-pointer walk took for an address.
    [InlineData("0xffffffff8a000010", false, 0UL)]
    [InlineData("pvm_irq_enable+25", false, 0UL)]
    [InlineData("[unknown]", false, 0UL)]
    [InlineData("0x", false, 0UL)]
    [InlineData("0xzz", false, 0UL)]
    public void Only_bare_user_addresses_are_named(string frame, bool bare, ulong address)
    {
        Assert.Equal(bare, BareAddress.TryParse(frame, out var found));
        Assert.Equal(address, bare ? found : 0);
    }

    [Fact]
    public void Stack_keys_give_the_process_of_each_bare_user_address()
    {
        // profile.bt: "comm,pid," (",," when the kernel stack is empty); a comm may hold commas and spaces.
        var profile = """{"type": "map", "data": {"@stacks0": {"a, b,12,\n    schedule+35\n,\n    0x5643356aab3c\n    __strcspn_sse42+147\n": 1, "x,,7,,\n    0x10\n    0xffffffff8a000010\n": 2}}}""";
        Assert.Equal([(12, 0x5643356aab3cUL), (7, 0x10UL)], StackKeyAddresses.Read(profile, 0));
        // offcputime.bt: "comm,pid,tid,": the process, not the thread.
        var offcpu = """{"type": "map", "data": {"@stacks1": {"bpfoff sp,cap,20544,20549,\n    do_nanosleep+1\n,\n    0x7f00aa\n": 5}}}""";
        Assert.Equal([(20544, 0x7f00aaUL)], StackKeyAddresses.Read(offcpu, 1));
        Assert.Empty(StackKeyAddresses.Read("""{"type": "map", "data": {"@stacks0": {"cut,1""", 0));
        Assert.Empty(StackKeyAddresses.Read("""{"type": "map", "data": {"@stacks0": {"nopid,\n    0x10\n": 1}}}""", 0));
        Assert.True(StackKeyAddresses.IsMapLine(profile));
        Assert.False(StackKeyAddresses.IsMapLine("""{"type": "value", "data": ["interval",1]}"""));
    }
}
