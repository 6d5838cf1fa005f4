using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces mount and umount system calls as they happen (mountsnoop): source, target, file system type, flags, result.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfMount")]
[OutputType(typeof(MountEvent))]
public sealed class GetBpfMountCommand : BpfCommandBase
{
    /// <summary>Only this process (mountsnoop's -p).</summary>
    [Parameter]
    [Alias("p")]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only failed calls (a negative result). mountsnoop has no such filter: BpfTools applies it.</summary>
    [Parameter]
    public SwitchParameter FailedOnly { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var failedOnly = FailedOnly.IsPresent;
        Trace(ToolCatalog.Mount, new MountOptions(ProcessId), failedOnly ? e => e.Failed : null);
    }
}
