using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Errors;
using BpfTools.Records;
using BpfTools.Runner;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Totals the time threads spend blocked off CPU by stack (offcputime): where they sleep, wait for I/O or locks, or wait to run.</para>
/// </summary>
/// <remarks>
/// Like Get-BpfCpuProfile, the totals come when the tool stops and nothing can be written after Ctrl-C, so it
/// always ends by itself: after -Duration, 10 s by default.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfOffCpuTime", DefaultParameterSetName = AllSet)]
[OutputType(typeof(OffCpuStackSample))]
public sealed class GetBpfOffCpuTimeCommand : BpfCommandBase
{
    private const string AllSet = "AllThreads";
    private const string UserSet = "UserThreadsOnly";
    private const string KernelSet = "KernelThreadsOnly";

    /// <summary>Only the threads of this process (offcputime -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Only this thread (offcputime -t).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? ThreadId { get; set; }

    /// <summary>User threads only, no kernel threads (offcputime -u).</summary>
    [Parameter(ParameterSetName = UserSet, Mandatory = true)]
    public SwitchParameter UserThreadsOnly { get; set; }

    /// <summary>Kernel threads only (offcputime -k).</summary>
    [Parameter(ParameterSetName = KernelSet, Mandatory = true)]
    public SwitchParameter KernelThreadsOnly { get; set; }

    /// <summary>
    /// Only count a block that lasted at least this long: microseconds (1000), offcputime's unit, or a TimeSpan
    /// (offcputime -m). It applies to each time a thread blocked, not to the totals.
    /// </summary>
    [Parameter]
    [MicrosecondsTransformation]
    [ValidatePositiveDuration]
    public TimeSpan? MinBlockTime { get; set; }

    /// <summary>Only count a block that lasted at most this long: microseconds or a TimeSpan (offcputime -M).</summary>
    [Parameter]
    [MicrosecondsTransformation]
    [ValidatePositiveDuration]
    public TimeSpan? MaxBlockTime { get; set; }

    /// <summary>
    /// Leaves user frames as the backend gives them: bpftrace's are bare addresses. By default they are named from
    /// the process's files and JIT perf map while it runs (function+offset, a JIT method, or [module]).
    /// </summary>
    [Parameter]
    public SwitchParameter NoSymbols { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= HistogramCommandBase.DefaultDuration;
        if (MinBlockTime > MaxBlockTime)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                $"-MinBlockTime ({MinBlockTime}) is longer than -MaxBlockTime ({MaxBlockTime}): no block could be counted."),
                BpfErrorId.MinBlockTimeAboveMax, ErrorCategory.InvalidArgument, MinBlockTime));
        }
        WriteVerbose($"Tracing for {Duration.Value.TotalSeconds} s; the stacks come at the end.");
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new OffCpuTimeOptions(ProcessId, ThreadId, UserThreadsOnly, KernelThreadsOnly, MinBlockTime, MaxBlockTime, Duration!.Value);
        // libbpf's output has thread ids but no process id (0): -ProcessId is the tool's alone there.
        Trace(ToolCatalog.OffCpuTime, options, sample =>
            (ProcessId is not { } pid || sample.ProcessId == pid || sample.ProcessId == 0)
            && (ThreadId is not { } tid || sample.ThreadId == tid),
            reading: NoSymbols ? null : parser => UserFrameNaming.OffCpuTime(parser));
    }

    /// <summary>
    /// libbpf's offcputime prints nothing at all when it recorded nothing (a process that never woke up), and exits 0;
    /// when it fails it says so on stderr and exits 1.
    /// </summary>
    private protected override bool EndedWithNothingToReport(RunOutcome outcome, IReadOnlyList<string> stderr) =>
        outcome is { ExitCode: 0, TimedOut: false, StartError: null }
        && !stderr.Any(l => StderrClassifier.Classify(l, out _) is StderrKind.AttachFailure or StderrKind.PermissionDenied);

    /// <summary>A run without a single stack says why: the tool failed, or what it traced never blocked.</summary>
    private protected override string EmptyRunWarning(RunSummary run)
    {
        var failed = run.Outcome.ExitCode is not (null or 0) || run.Stats.Unparsed > 0 || run.Stats.Warnings.Count > 0;
        return failed
            ? $"{run.Name} attached but wrote no stack: it failed while tracing (see the warnings and errors above). {LastWords(run.Stderr)}"
            : $"{run.Name} traced for {Duration!.Value.TotalSeconds} s but saw " + (ThreadId ?? ProcessId) switch
            {
                { } id => $"{(ThreadId is null ? "process" : "thread")} {id} neither block nor run again in that time " +
                    "(a thread still blocked at the end is not counted), or it is not running.",
                null => "no thread block and run again.",
            };
    }
}
