using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Shows how random or sequential each disk's I/O is, per disk and interval (biopattern).</para>
/// </summary>
/// <remarks>
/// The rows come when the tool stops (or every -Interval) and nothing can be written after Ctrl-C, so it always
/// ends by itself: after -Duration, 10 s by default.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfDiskPattern")]
[OutputType(typeof(DiskPatternSample))]
public sealed class GetBpfDiskPatternCommand : BpfCommandBase
{
    /// <summary>One sample per disk every this many seconds (biopattern's interval), instead of one at the end.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? Interval { get; set; }

    /// <summary>Only this disk (vda, sda, nvme0n1), as biopattern -d.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DiskNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Disk { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= HistogramCommandBase.DefaultDuration;
        WriteVerbose($"Tracing for {Duration.Value.TotalSeconds} s, " +
            (Interval is { } i ? $"a sample per disk every {i} s." : "a sample per disk at the end."));
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Disk is not null && DiskArgument.Check(Disk, out _) is { } problem)
        {
            ThrowTerminatingError(problem.ToErrorRecord(Disk));
        }
        Trace(ToolCatalog.DiskPattern, new DiskPatternOptions(Interval, Disk));
    }
}
