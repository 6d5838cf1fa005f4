using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces block device I/O requests as they complete (biosnoop): process, disk, operation, size and latency.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfDiskIo")]
[OutputType(typeof(DiskIoEvent))]
public sealed class GetBpfDiskIoCommand : BpfCommandBase
{
    /// <summary>Only this disk, by its kernel name (vda, sda, nvme0n1), as biosnoop's -d; a whole disk, not a partition.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(DiskNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Disk { get; set; }

    /// <summary>Also measure the time each request waited in the OS queue (biosnoop's -Q, --queued): fills QueueTime.</summary>
    [Parameter]
    [Alias("Queued")]
    public SwitchParameter IncludeQueueTime { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        Trace(ToolCatalog.DiskIo, new DiskIoOptions(Disk, DiskArgument.DevTOrStop(this, Disk), IncludeQueueTime));
    }
}
