using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Get-BpfInterruptTime's catalog entries: hardirqs and softirqs, totals and distributions.</summary>
public class InterruptTimeCatalogTests
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(4.2);

    [Theory]
    [InlineData(InterruptKind.Hard, "hardirqs")]
    [InlineData(InterruptKind.Soft, "softirqs")]
    public void Each_kind_has_its_tool_a_libbpf_tracepoint_backend_and_is_listed_once(InterruptKind kind, string tool)
    {
        var totals = ToolCatalog.InterruptTime(kind);
        var histograms = ToolCatalog.InterruptTimeDistribution(kind);
        Assert.Equal((tool, tool), (totals.Name, histograms.Name));
        var backend = Assert.Single(totals.Backends);
        Assert.Equal((BackendKind.Libbpf, ProbeKind.Tracepoint), (backend.Kind, backend.Probes));
        Assert.Equal(BackendKind.Libbpf, Assert.Single(histograms.Backends).Kind);
        Assert.Single(ToolCatalog.All, t => t.Name == tool);
    }

    [Fact]
    public void Totals_are_in_nanoseconds_or_counts_with_timestamps_and_the_tools_own_intervals()
    {
        var hard = ToolCatalog.HardInterruptTime.Backends.Single();
        Assert.Equal(["-T", "-N"], hard.Arguments(new InterruptTimeOptions(null, false)));
        Assert.Equal(["-T", "-N", "15", "1"], hard.Arguments(new InterruptTimeOptions(null, false), Run));
        Assert.Equal(["-T", "-C", "2", "8"], hard.Arguments(new InterruptTimeOptions(2, true), Run));
        var soft = ToolCatalog.SoftInterruptTime.Backends.Single();
        Assert.Equal(["-T", "-N", "1", "15"], soft.Arguments(new InterruptTimeOptions(1, false), Run));
    }

    [Fact]
    public void Distributions_ask_for_histograms_in_microseconds()
    {
        var soft = ToolCatalog.SoftInterruptDistribution.Backends.Single();
        Assert.Equal(["-T", "-d"], soft.Arguments(new InterruptTimeOptions(null, false)));
        Assert.Equal(["-T", "-d", "1", "15"], soft.Arguments(new InterruptTimeOptions(1, false), Run));
    }

    [Fact]
    public void The_catalog_parsers_read_the_captured_output_of_their_own_tool()
    {
        var clock = new FixedClock(new DateTime(2026, 11, 30, 15, 4, 10, DateTimeKind.Local), 0);
        var totals = ToolCatalog.SoftInterruptTime.Backends.Single().CreateParser(clock);
        var samples = Fixtures.ParseAll(totals, Fixtures.Lines("captured/softirqs-libbpf-sigint.txt"));
        Assert.Equal((0, 5), (totals.Stats.Unparsed, samples.Count));
        Assert.All(samples, s => Assert.Equal(InterruptKind.Soft, s.Kind));
        var histograms = ToolCatalog.HardInterruptDistribution.Backends.Single().CreateParser(clock);
        var hists = Fixtures.ParseAll(histograms, Fixtures.Lines("captured/hardirqs-libbpf-dT-i1-c2.txt"));
        Assert.Equal(0, histograms.Stats.Unparsed);
        Assert.Equal(["virtio1-req.0", "virtio3-tx"], hists.Select(h => h.Key).Take(2));
        Assert.All(hists, h => Assert.Equal("hardirqs", h.Tool));
    }
}
