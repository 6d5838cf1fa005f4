using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Samples page cache hits, misses and dirtied pages, one object per interval (cachestat).</para>
/// </summary>
/// <remarks>
/// Like the histogram cmdlets it ends by itself: without -Duration it samples for 10 seconds.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfCacheStat")]
[OutputType(typeof(CacheStatSample))]
public sealed class GetBpfCacheStatCommand : BpfCommandBase
{
    /// <summary>How long Get-BpfCacheStat samples when no -Duration is given.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>Seconds per sample (the tool's interval argument).</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, 3600)]
    public int Interval { get; set; } = 1;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= DefaultDuration;
        WriteVerbose($"Sampling for {Duration.Value.TotalSeconds} s, every {Interval} s.");
    }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.CacheStatEvery(Interval), new CacheStatOptions(Interval));
}
