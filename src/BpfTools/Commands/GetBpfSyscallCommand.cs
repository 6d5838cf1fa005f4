using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Counts system calls per syscall or per process, and with -Latency the time spent in them (syscount).</para>
/// </summary>
/// <remarks>
/// The tables come when the tool stops (or every -Interval) and nothing can be written after Ctrl-C, so it always
/// ends by itself: after -Duration, 10 s by default.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "BpfSyscall")]
[OutputType(typeof(SyscallSummary))]
public sealed class GetBpfSyscallCommand : BpfCommandBase
{
    /// <summary>One table every this many seconds (syscount -i), windows of the tool's own, instead of one at the end.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? Interval { get; set; }

    /// <summary>Count per process instead of per syscall (syscount -P).</summary>
    [Parameter]
    public SwitchParameter PerProcess { get; set; }

    /// <summary>Also measure the time spent in the calls: TotalTime and AverageTime (syscount -L).</summary>
    [Parameter]
    public SwitchParameter Latency { get; set; }

    /// <summary>Count failed calls only (syscount -x).</summary>
    [Parameter]
    public SwitchParameter FailedOnly { get; set; }

    /// <summary>Count only calls that failed with this error, by name: ENOENT, EACCES... (syscount -e).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateErrnoName]
    [ArgumentCompleter(typeof(ErrnoNameCompleter))]
    public string? ErrorName { get; set; }

    /// <summary>Only this process (syscount -p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <summary>Rows per table: the syscalls (or processes) with the most calls, or with -Latency the most time (syscount -T).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int Top { get; set; } = 10;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        Duration ??= HistogramCommandBase.DefaultDuration;
        WriteVerbose($"Counting for {Duration.Value.TotalSeconds} s, " +
            (Interval is { } i ? $"a table every {i} s." : "one table at the end."));
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        int? errno = ErrorName is { } name && Errno.TryNumber(name, out var number) ? number : null;
        var options = new SyscallOptions(Interval, PerProcess, Latency, FailedOnly, errno, ProcessId, Top);
        Trace(ToolCatalog.SyscallFor(options), options);
    }
}
