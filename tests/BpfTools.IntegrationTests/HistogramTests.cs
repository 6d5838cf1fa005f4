using System.Diagnostics;
using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>The histogram cmdlets on this kernel: direct I/O the test makes must be counted.</summary>
[Collection(KernelCollection.Name)]
public sealed class HistogramTests : IDisposable
{
    // dd writes this many 4 KiB blocks with O_DIRECT: each is one block I/O.
    private const int BlocksPerRun = 64;

    private readonly ModuleSession _session = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpftools-dd-{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(_file);
        _session.Dispose();
    }

    private IDisposable RepeatDirectWrites() => Kernel.Repeat(() =>
    {
        using var dd = Process.Start(new ProcessStartInfo("dd", [$"if=/dev/zero", $"of={_file}", "bs=4k", $"count={BlocksPerRun}", "oflag=direct"])
        {
            RedirectStandardError = true,
        })!;
        dd.WaitForExit();
    });

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Disk_latency_counts_at_least_the_direct_writes_made(string backend)
    {
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke($"Get-BpfDiskLatency -Duration 3 -Backend {backend}");
        }
        result.AssertNoErrors();
        var histogram = Assert.Single(result.Output);
        Assert.Equal("BpfTools.Records.BpfHistogram", histogram.BaseObject.GetType().FullName);
        Assert.Equal("usecs", histogram.Properties["Unit"].Value);
        Assert.True((long)histogram.Properties["Count"].Value >= BlocksPerRun, $"count {histogram.Properties["Count"].Value}");
        Assert.True((double)histogram.Properties["P50"].Value > 0);
        var window = (DateTime)histogram.Properties["End"].Value - (DateTime)histogram.Properties["Start"].Value;
        Assert.InRange(window.TotalSeconds, 2.5, 6);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Per_disk_intervals_form_a_time_series_whose_merge_sums_exactly(string backend)
    {
        PsResult result;
        using (RepeatDirectWrites())
        {
            result = _session.Invoke($"Get-BpfDiskLatency -Duration 3 -Interval 1 -PerDisk -Backend {backend}");
        }
        result.AssertNoErrors();
        var disk = DiskOf(Path.GetTempPath());
        var series = result.Output.Where(h => (string)h.Properties["Key"].Value == disk).ToList();
        Assert.InRange(series.Count, 2, 4);
        Assert.All(series, h => Assert.Equal("disk", h.Properties["KeyKind"].Value));
        for (var i = 1; i < series.Count; i++)
        {
            Assert.Equal(series[i - 1].Properties["End"].Value, series[i].Properties["Start"].Value);
        }

        // Bucket rows carry their histogram's key and window, ready for Export-Csv.
        var bucket = PSObject.AsPSObject(((System.Collections.IList)series[0].Properties["Buckets"].Value)[0]!);
        Assert.Equal(disk, bucket.Properties["Key"].Value);
        Assert.Equal(series[0].Properties["End"].Value, bucket.Properties["End"].Value);

        // Merging the series, live or after remoting's serialization, gives the exact sum.
        var total = series.Sum(h => (long)h.Properties["Count"].Value);
        var merged = _session.InvokeWith("$input | Merge-BpfHistogram", series);
        Assert.Equal(total, (long)Assert.Single(merged.Output).Properties["Count"].Value);
        // Serialized in the runspace, as remoting does, so the module's type data (SerializationDepth) applies.
        var mergedCopies = _session.InvokeWith(
            "$input | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) } | Merge-BpfHistogram",
            series);
        mergedCopies.AssertNoErrors();
        Assert.Equal(total, (long)Assert.Single(mergedCopies.Output).Properties["Count"].Value);
    }

    [Fact]
    public void Merge_refuses_buckets_flattened_by_too_shallow_serialization()
    {
        // What a depth-1 serialization leaves of a histogram: its buckets as their ToString().
        var result = _session.Invoke("[pscustomobject]@{ Tool = 'biolatency'; Unit = 'usecs'; Buckets = @('0 -> 1 : 3') } | Merge-BpfHistogram");
        Assert.Equal("NotAHistogram,BpfTools.Commands.MergeBpfHistogramCommand", result.Failure.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Merge_refuses_histograms_of_different_units()
    {
        using var writes = RepeatDirectWrites();
        var both = _session.Invoke("@(Get-BpfDiskLatency -Duration 1) + @(Get-BpfDiskLatency -Duration 1 -Milliseconds) | Merge-BpfHistogram");
        var error = both.Failure;
        Assert.Equal("HistogramMismatch,BpfTools.Commands.MergeBpfHistogramCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(both.Output);
    }

    [Fact]
    public void Unknown_disk_is_refused_with_the_disks_there_are()
    {
        var error = _session.Invoke("Get-BpfDiskLatency -Duration 1 -Disk bpftools-no-such-disk").Failure;
        Assert.Equal("DiskNotFound,BpfTools.Commands.GetBpfDiskLatencyCommand", error.FullyQualifiedErrorId);
        Assert.Contains(DiskOf(Path.GetTempPath()), error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Run_queue_latency_ends_by_itself_with_one_histogram(string backend)
    {
        var result = _session.Invoke($"Get-BpfRunQueueLatency -Duration 2 -Backend {backend}");
        result.AssertNoErrors();
        var histogram = Assert.Single(result.Output);
        Assert.Equal("runqlat", histogram.Properties["Tool"].Value);
        Assert.True((long)histogram.Properties["Count"].Value > 0);
    }

    [Fact]
    public void Run_queue_latency_per_thread_keys_name_threads()
    {
        var result = _session.Invoke("Get-BpfRunQueueLatency -Duration 2 -PerThread -Backend Bpftrace");
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, h => Assert.Matches(@"^\d+ \S", (string)h.Properties["Key"].Value));
    }

    [Fact]
    public void Without_Duration_a_histogram_cmdlet_stops_after_ten_seconds()
    {
        var watch = Stopwatch.StartNew();
        var result = _session.Invoke("Get-BpfRunQueueLatency -Verbose");
        result.AssertNoErrors();
        Assert.Single(result.Output);
        Assert.Contains(result.Verbose, v => v.StartsWith("Tracing for 10 s", StringComparison.Ordinal));
        Assert.InRange(watch.Elapsed.TotalSeconds, 10, 40);
    }

    /// <summary>The whole disk (as biolatency names it) under a path: its partition's parent when on a partition.</summary>
    private static string DiskOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%d", path]) { RedirectStandardOutput = true })!;
        var dev = long.Parse(stat.StandardOutput.ReadToEnd().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var sys = new DirectoryInfo($"/sys/dev/block/{dev >> 8 & 0xfff}:{(dev & 0xff) | ((dev >> 12) & 0xfff00)}").ResolveLinkTarget(true)
            ?? throw new InvalidOperationException("no block device under " + path);
        var name = Path.GetFileName(sys.FullName);
        return File.Exists(Path.Combine(sys.FullName, "partition")) ? Path.GetFileName(Path.GetDirectoryName(sys.FullName))! : name;
    }
}
