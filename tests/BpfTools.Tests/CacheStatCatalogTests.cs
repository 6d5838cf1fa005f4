using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

public class CacheStatCatalogTests
{
    private static BackendSpec<CacheStatOptions, CacheStatSample> Backend(BackendKind kind, int seconds = 1) =>
        ToolCatalog.CacheStatEvery(seconds).Backends.Single(b => b.Kind == kind);

    [Fact]
    public void Libbpf_then_bcc_both_kprobes_and_no_bpftrace()
    {
        Assert.Equal("cachestat", ToolCatalog.CacheStat.Name);
        Assert.Equal("Get-BpfCacheStat", ToolCatalog.CacheStat.Cmdlet);
        Assert.Equal([BackendKind.Libbpf, BackendKind.Bcc], ToolCatalog.CacheStat.Backends.Select(b => b.Kind));
        Assert.All(ToolCatalog.CacheStat.Backends, b => Assert.Equal(ProbeKind.Kprobe, b.Probes));
        Assert.Contains(ToolCatalog.CacheStat, ToolCatalog.All);
        Assert.Single(ToolCatalog.All, t => t.Name == "cachestat");
    }

    [Theory]
    [InlineData(BackendKind.Libbpf, "cachestat")]
    [InlineData(BackendKind.Bcc, "cachestat-bpfcc")]
    public void Both_get_T_and_the_interval_as_their_positional_argument(BackendKind kind, string executable)
    {
        Assert.Equal(executable, Backend(kind).Executables[0]);
        Assert.Equal(["-T", "1"], Backend(kind).Arguments(new CacheStatOptions(1)));
        Assert.Equal(["-T", "30"], Backend(kind).Arguments(new CacheStatOptions(30)));
    }

    [Fact]
    public void Parsers_stamp_the_interval_they_were_made_for()
    {
        var parser = Backend(BackendKind.Bcc, 7).CreateParser(Parsers.TraceClock.System);
        var output = new List<CacheStatSample>();
        parser.Parse("      16        0        1  100.00%          277       4423", output);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(output).Interval);
    }

    [Fact]
    public void On_a_kernel_without_kprobes_both_backends_are_refused_with_the_reason()
    {
        var host = new HostCapabilities(true, true, true, true, false, true, "6.18.0");
        foreach (var backend in ToolCatalog.CacheStat.Backends)
        {
            var spec = backend with { Executables = ["/bin/true"] };
            Assert.Equal("KprobesUnavailable", LocatedBackend.Locate(spec, host, "/nowhere").Problem?.ErrorId);
        }
    }
}
