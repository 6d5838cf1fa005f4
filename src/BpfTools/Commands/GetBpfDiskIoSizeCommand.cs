using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Measures the sizes of block I/O requests, per process name, as histograms (bitesize).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfDiskIoSize")]
[OutputType(typeof(BpfHistogram))]
public sealed class GetBpfDiskIoSizeCommand : HistogramCommandBase
{
    // The kernel keeps a task's name (comm) in 16 bytes, the last one a NUL.
    private const int CommLength = 15;

    /// <summary>Only this disk (vda, sda, nvme0n1), as bitesize -d.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DiskNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Disk { get; set; }

    /// <summary>Only requests issued by tasks of exactly this name (comm; bitesize -c). Longer names are cut to 15 characters, as the kernel cuts them.</summary>
    [Parameter(Position = 0)]
    [Alias("Comm")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string? ProcessName { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var devT = DiskArgument.DevTOrStop(this, Disk);
        var name = ProcessName is { Length: > CommLength } ? ProcessName[..CommLength] : ProcessName;
        var options = new DiskIoSizeOptions(ToolInterval, Disk, devT, name);
        if (Backend == BackendKind.Bcc && (Disk is not null || Interval is not null))
        {
            ThrowTerminatingError(new Problem(BpfErrorId.BackendNotAvailable, ErrorCategory.InvalidArgument,
                "bcc's bitesize takes no options: it cannot trace one disk (-Disk) or print every interval (-Interval).",
                "Use -Backend Auto, Libbpf or Bpftrace.").ToErrorRecord("bitesize"));
        }
        Trace(ToolCatalog.DiskIoSizeFor(options), options, name is null ? null : h => h.Key == name, stage: Windows);
    }
}
