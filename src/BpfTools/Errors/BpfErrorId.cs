namespace BpfTools.Errors;

/// <summary>
/// The ids of BpfTools' error records: the first part of their FullyQualifiedErrorId
/// ("NotPrivileged,BpfTools.Commands.GetBpfExecCommand"), stable from one version to the next, one per cause,
/// so scripts can tell causes apart: <c>if ($_.FullyQualifiedErrorId -like "$([BpfTools.Errors.BpfErrorId]::NotPrivileged),*")</c>.
/// They are also Get-BpfTool's ReasonId values. about_BpfTools describes each, with its fix.
/// </summary>
public static class BpfErrorId
{
    /// <summary>Neither root nor CAP_BPF and CAP_PERFMON.</summary>
    public const string NotPrivileged = nameof(NotPrivileged);

    /// <summary>The backend's executable is not installed.</summary>
    public const string ToolNotInstalled = nameof(ToolNotInstalled);

    /// <summary>The module's bpftrace program for the tool is missing.</summary>
    public const string ProgramMissing = nameof(ProgramMissing);

    /// <summary>The backend needs kprobes and this kernel has none.</summary>
    public const string KprobesUnavailable = nameof(KprobesUnavailable);

    /// <summary>Tracepoints need tracefs, which is not mounted.</summary>
    public const string TracefsNotMounted = nameof(TracefsNotMounted);

    /// <summary>libbpf-tools need the kernel's BTF, which it does not expose.</summary>
    public const string BtfUnavailable = nameof(BtfUnavailable);

    /// <summary>bcc's Python tools need kernel headers, which are not installed.</summary>
    public const string KernelHeadersMissing = nameof(KernelHeadersMissing);

    /// <summary>-Backend names a backend the tool does not have.</summary>
    public const string BackendNotAvailable = nameof(BackendNotAvailable);

    /// <summary>The tool's executable could not be started at all.</summary>
    public const string ToolStartFailed = nameof(ToolStartFailed);

    /// <summary>The tool printed nothing within the time a tool has to attach.</summary>
    public const string ToolStartTimeout = nameof(ToolStartTimeout);

    /// <summary>The kernel refused to let the tool attach its probes (EPERM, EACCES).</summary>
    public const string AttachPermissionDenied = nameof(AttachPermissionDenied);

    /// <summary>The tool failed to attach to this kernel.</summary>
    public const string AttachFailed = nameof(AttachFailed);

    /// <summary>The tool ended by itself with an error or a signal while tracing.</summary>
    public const string ToolExited = nameof(ToolExited);

    /// <summary>bpftrace refused an Invoke-BpfTrace program: a syntax error, an unknown probe or function, a type mismatch.</summary>
    public const string ProgramInvalid = nameof(ProgramInvalid);

    /// <summary>Invoke-BpfTrace -Path names no file.</summary>
    public const string ProgramFileNotFound = nameof(ProgramFileNotFound);

    /// <summary>A line of the tool's output could not be read (skipped; the rest is kept).</summary>
    public const string UnparsableOutput = nameof(UnparsableOutput);

    /// <summary>Get-BpfTool -Name names no tool BpfTools wraps.</summary>
    public const string ToolNotFound = nameof(ToolNotFound);

    /// <summary>-Disk names no block device of this host.</summary>
    public const string DiskNotFound = nameof(DiskNotFound);

    /// <summary>-Disk names a partition, where the tool traces whole disks.</summary>
    public const string DiskIsPartition = nameof(DiskIsPartition);

    /// <summary>Get-BpfSlowFileOperation could not tell which file system to trace.</summary>
    public const string FileSystemNotDetected = nameof(FileSystemNotDetected);

    /// <summary>Merge-BpfHistogram got an object that is not a histogram (or lost its buckets in serialization).</summary>
    public const string NotAHistogram = nameof(NotAHistogram);

    /// <summary>ConvertTo-BpfFoldedStack got an object that is not a CPU stack sample.</summary>
    public const string NotAStackSample = nameof(NotAStackSample);

    /// <summary>Merge-BpfHistogram got histograms of different tools, units or bucket layouts.</summary>
    public const string HistogramMismatch = nameof(HistogramMismatch);

    /// <summary>Get-BpfInterruptTime -Count with -Kind Soft: softirqs can only time interrupts, not count them.</summary>
    public const string CountNeedsHardInterrupts = nameof(CountNeedsHardInterrupts);

    /// <summary>Get-BpfTcpConnect -Latency with -Direction Inbound: no backend times an inbound handshake.</summary>
    public const string LatencyNeedsOutbound = nameof(LatencyNeedsOutbound);

    /// <summary>Get-BpfOffCpuTime -MinBlockTime above -MaxBlockTime: no blocked time could be reported.</summary>
    public const string MinBlockTimeAboveMax = nameof(MinBlockTimeAboveMax);

    /// <summary>
    /// Get-BpfSudoersRule refused: a file the rule would name, or a folder above it, is not root's alone (another
    /// owner, or writable by group or others), so the rule would hand out root.
    /// </summary>
    public const string SudoersRuleUnsafe = nameof(SudoersRuleUnsafe);

    /// <summary>Get-BpfSudoersRule refused: a path or a name cannot be written in sudoers (whitespace, a bad user name).</summary>
    public const string SudoersRuleUnwritable = nameof(SudoersRuleUnwritable);

    /// <summary>Out-BpfReport -NoClobber: the report file already exists.</summary>
    public const string ReportFileExists = nameof(ReportFileExists);

    /// <summary>Out-BpfReport -Path is not a file system path, or its folder does not exist.</summary>
    public const string ReportPathInvalid = nameof(ReportPathInvalid);

    /// <summary>Out-BpfReport could not write the report file (permissions, a read-only file without -Force, a full disk).</summary>
    public const string ReportWriteFailed = nameof(ReportWriteFailed);
}
