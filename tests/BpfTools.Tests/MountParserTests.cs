using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class MountTextParserTests
{
    // Just after the -t capture's second (15:01:19).
    private static readonly DateTime ReadAt = new(2026, 11, 30, 15, 1, 19, 600, DateTimeKind.Local);

    private static (List<MountEvent> Events, MountTextParser Parser) Parse(IEnumerable<string> lines)
    {
        var parser = new MountTextParser(new FixedClock(ReadAt, 0));
        return (Fixtures.ParseAll(parser, lines), parser);
    }

    [Theory]
    [InlineData("captured/mountsnoop-libbpf.txt", 9)]
    [InlineData("captured/mountsnoop-libbpf-t.txt", 9)]
    [InlineData("captured/mountsnoop-libbpf-flags.txt", 16)]
    public void Capture_parses_every_row(string fixture, int rows)
    {
        var lines = Fixtures.Lines(fixture).Where(l => l.Length > 0).ToList();
        var parser = new MountTextParser(new FixedClock(ReadAt, 0));
        var kinds = lines.Select(l => parser.Parse(l, [])).ToList();
        Assert.Equal(LineKind.Ready, kinds[0]);
        Assert.Equal(rows, parser.Stats.Records);
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Mount_fields_read_from_the_timed_capture()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/mountsnoop-libbpf-t.txt"));
        var first = events[0];
        // A whole-second TIME is completed by the line's arrival within that second.
        Assert.Equal(ReadAt, first.Timestamp);
        Assert.Equal(("mount", 12245, 12245, 4026531832L, MountCall.Mount), (first.ProcessName, first.ProcessId, first.ThreadId, first.MountNamespace, first.Call));
        Assert.Equal(("bpfcap-tmpfs", "/tmp/cap/bpfcap mnt-é", "tmpfs", "0x0", "size=1m,mode=0700"), (first.Source, first.Target, first.FileSystemType, first.Flags, first.Data));
        Assert.Equal((0, (string?)null, false), (first.Result, first.Error, first.Failed));
        var umount = events[1];
        Assert.Equal((MountCall.Umount, "", "/tmp/cap/bpfcap mnt-é", "", "0x0", ""), (umount.Call, umount.Source, umount.Target, umount.FileSystemType, umount.Flags, umount.Data));
    }

    [Fact]
    public void Failures_carry_minus_the_errno_and_its_name()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/mountsnoop-libbpf.txt"));
        var failed = events.Where(e => e.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, e => Assert.Equal((-2, "ENOENT"), (e.Result, e.Error)));
        Assert.Equal(("bpfcap-fail", "/tmp/cap/bpfcap-nonexistent-dir"), (failed[0].Source, failed[0].Target));
        Assert.Equal((MountCall.Umount, "/tmp/cap/bpfcap-not-mounted"), (failed[1].Call, failed[1].Target));
    }

    [Fact]
    public void Quotes_and_commas_in_a_target_are_split_by_arity()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/mountsnoop-libbpf.txt"));
        Assert.Equal(2, events.Count(e => e.Target == "/tmp/cap/bpfcap \"q\",x"));
        var quoted = events.Single(e => e.Source == "bpfcap-quote");
        Assert.Equal(("tmpfs", "0x0", "size=2m"), (quoted.FileSystemType, quoted.Flags, quoted.Data));
    }

    [Fact]
    public void Flags_stay_the_text_the_tool_prints_and_namespaces_differ()
    {
        var (events, _) = Parse(Fixtures.Lines("captured/mountsnoop-libbpf.txt"));
        var unshare = events.Single(e => e.ProcessName == "unshare");
        Assert.Equal(("none", "/", "", "MS_VERBOSE | MS_PRIVATE", 4026532176L), (unshare.Source, unshare.Target, unshare.FileSystemType, unshare.Flags, unshare.MountNamespace));
        var (flagged, _) = Parse(Fixtures.Lines("captured/mountsnoop-libbpf-flags.txt"));
        Assert.Equal("MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_DIRSYNC | MS_NODIRATIME | MS_BIND",
            flagged.Single(e => e.Source == "bpfcap-f1").Flags);
    }

    [Theory]
    [InlineData("name with space  77      78      4026531832  umount(\"/mnt/a\", 0x0) = -EBUSY", "name with space", -16, "EBUSY")]
    [InlineData("m                5       5       1           mount(\"a\", \"b\", \"\", 0x0, \"\") = -13", "m", -13, "EACCES")]
    [InlineData("m                5       5       1           mount(\"a\", \"b\", \"\", 0x0, \"\") = -EWHATEVER", "m", -1, "EWHATEVER")]
    public void Names_with_spaces_and_results_in_other_shapes(string line, string name, int result, string error)
    {
        var (events, parser) = Parse([line]);
        var e = Assert.Single(events);
        Assert.Equal((name, result, error), (e.ProcessName, e.Result, e.Error));
        Assert.Equal(0, parser.Stats.Unparsed);
    }

    [Fact]
    public void Data_holding_quotes_and_a_source_with_spaces_still_split()
    {
        var line = "mount            9       9       1           mount(\"my src\", \"/t, \"x\"\", \"ext4\", MS_RDONLY | MS_NOSUID, \"a=\"b\",c\") = 0";
        var e = Assert.Single(Parse([line]).Events);
        Assert.Equal(("my src", "/t, \"x\"", "ext4", "MS_RDONLY | MS_NOSUID", "a=\"b\",c"), (e.Source, e.Target, e.FileSystemType, e.Flags, e.Data));
    }

    [Theory]
    [InlineData("mount            12214   12214   4026531832  mount(\"bpfcap-tmpfs\", \"/tmp/cap/bpfcap mnt")]
    [InlineData("mount            12214   12214   4026531832  umount(\"/x\" 0x0) = 0")]
    [InlineData("mount            12214   12214   4026531832  umount(\"/x\", 0x0) = ")]
    [InlineData("mount            12214   12214   4026531832  rename(\"/x\", \"/y\") = 0")]
    [InlineData("mount            x       12214   4026531832  umount(\"/x\", 0x0) = 0")]
    [InlineData("garbage")]
    [InlineData("libbpf: failed to attach")]
    public void Truncated_and_garbage_lines_are_counted_not_thrown(string line)
    {
        var (events, parser) = Parse([line]);
        Assert.Empty(events);
        Assert.Equal(1, parser.Stats.Unparsed);
    }
}

public class MountCatalogTests
{
    [Fact]
    public void Libbpf_takes_the_pid_after_the_time_column()
    {
        var libbpf = Assert.Single(ToolCatalog.Mount.Backends);
        Assert.Equal(BackendKind.Libbpf, libbpf.Kind);
        Assert.Equal(["-t"], libbpf.Arguments(new MountOptions(null)));
        Assert.Equal(["-t", "-p", "42"], libbpf.Arguments(new MountOptions(42)));
        Assert.Equal(ProbeKind.Tracepoint, libbpf.Probes);
        Assert.Contains(ToolCatalog.Mount, ToolCatalog.All);
    }
}
