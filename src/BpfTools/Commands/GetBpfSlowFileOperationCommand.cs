using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Locator;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces file system reads, writes, opens and syncs slower than a threshold (ext4slower, xfsslower, btrfsslower, nfsslower).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfSlowFileOperation")]
[OutputType(typeof(SlowFileOperationEvent))]
public sealed class GetBpfSlowFileOperationCommand : BpfCommandBase
{
    /// <summary>The file system to trace (fsslower's -t). Without it, the file system mounted at / is traced.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("ext4", "xfs", "btrfs", "nfs")]
    public string? FileSystem { get; set; }

    /// <summary>
    /// Only operations slower than this: milliseconds (10, 0.5) or a TimeSpan; 0 shows every operation. The tool
    /// gets it in whole milliseconds (fsslower's -m, bcc's min_ms); a fraction is applied here as well.
    /// </summary>
    [Parameter(Position = 1)]
    [MillisecondsTransformation]
    [ValidateNonNegativeDuration]
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Only this process (the tools' -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var fileSystem = FileSystem?.ToLowerInvariant() ?? RootFileSystem();
        var threshold = MinLatency;
        Trace(ToolCatalog.SlowFileOperationOn(fileSystem), new SlowFileOperationOptions(fileSystem, threshold, ProcessId),
            e => e.Latency >= threshold);
    }

    /// <summary>The file system of /, when it is one the tools trace.</summary>
    private string RootFileSystem()
    {
        var type = MountTable.TypeAt("/");
        var fileSystem = type is "nfs4" ? "nfs" : type;
        if (fileSystem is null || !SlowFileOperationOptions.FileSystems.Contains(fileSystem))
        {
            ThrowTerminatingError(new Problem(BpfErrorId.FileSystemNotDetected, ErrorCategory.InvalidArgument,
                $"-FileSystem was not given, and the file system mounted at / is {type ?? "unknown"}, which none of ext4slower, xfsslower, btrfsslower and nfsslower traces.",
                "Name the file system to trace: -FileSystem ext4, xfs, btrfs or nfs.").ToErrorRecord("/"));
        }
        WriteVerbose($"{fileSystem}slower: tracing {fileSystem}, the file system mounted at / (-FileSystem was not given).");
        return fileSystem!;
    }
}
