using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Samples the stacks running on every CPU at a fixed rate and counts each distinct stack (profile).</para>
/// </summary>
/// <remarks>
/// Like the histogram cmdlets, the counts come when the tool stops and nothing can be written after Ctrl-C,
/// so it always ends by itself: after -Duration, 10 s by default.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfCpuProfile", DefaultParameterSetName = BothSet)]
[OutputType(typeof(CpuStackSample))]
public sealed class GetBpfCpuProfileCommand : BpfCommandBase
{
    private const string BothSet = "UserAndKernel";
    private const string UserSet = "UserOnly";
    private const string KernelSet = "KernelOnly";

    /// <summary>Samples per second on each CPU (profile -F). 49 Hz avoids lockstep with activity at round rates.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int Frequency { get; set; } = 49;

    /// <summary>Only this process (profile -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>User-space stacks only (profile -U).</summary>
    [Parameter(ParameterSetName = UserSet, Mandatory = true)]
    public SwitchParameter UserOnly { get; set; }

    /// <summary>Kernel stacks only (profile -K).</summary>
    [Parameter(ParameterSetName = KernelSet, Mandatory = true)]
    public SwitchParameter KernelOnly { get; set; }

    /// <summary>
    /// Leaves user frames as the backend gives them: bpftrace's are bare addresses ("0x7f181fe3cf51"). By default
    /// they are named from the process's files and JIT perf map while it runs (function+offset, a JIT method, or [module]).
    /// </summary>
    [Parameter]
    public SwitchParameter NoSymbols { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= HistogramCommandBase.DefaultDuration;
        WriteVerbose($"Sampling at {Frequency} Hz for {Duration.Value.TotalSeconds} s; the stacks come at the end.");
    }

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        Trace(ToolCatalog.CpuProfile, new CpuProfileOptions(Frequency, ProcessId, UserOnly, KernelOnly, Duration!.Value),
            ProcessId is { } pid ? sample => sample.ProcessId == pid || sample.ProcessId == 0 : null,
            reading: NoSymbols ? null : parser => UserFrameNaming.CpuProfile(parser));

    /// <summary>A profile without a single sample says why: the tool failed, or what it sampled never ran.</summary>
    private protected override string EmptyRunWarning(RunSummary run)
    {
        var failed = run.Outcome.ExitCode is not (null or 0) || run.Stats.Unparsed > 0 || run.Stats.Warnings.Count > 0;
        return failed
            ? $"{run.Name} attached but wrote no sample: it failed while sampling (see the warnings and errors above). {LastWords(run.Stderr)}"
            : $"{run.Name} attached and sampled for {Duration!.Value.TotalSeconds} s but saw " + (ProcessId is { } pid
                ? $"process {pid} on no CPU{(UserOnly ? " in user space" : "")}: it was idle, or is not running."
                : $"nothing{(UserOnly ? " running in user space" : "")}.");
    }
}
