using System.Management.Automation;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Traces signals as they are sent (sigsnoop, or killsnoop with -KillOnly): sender, target, signal, result.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BpfSignal")]
[OutputType(typeof(SignalEvent))]
public sealed class GetBpfSignalCommand : BpfCommandBase
{
    /// <summary>
    /// Only signals sent by the kill(), tkill() and tgkill() system calls (killsnoop), failed ones and kill -0
    /// included; without it, every signal the kernel generates (sigsnoop), SIGCHLD and timers' signals included.
    /// </summary>
    [Parameter]
    public SwitchParameter KillOnly { get; set; }

    /// <summary>Only signals that could not be sent (-x): with -KillOnly, kill() calls that failed (ESRCH, EPERM).</summary>
    [Parameter]
    public SwitchParameter FailedOnly { get; set; }

    /// <summary>Only this signal, by name: SIGKILL, SIGTERM, USR1, SIGRTMIN+1... (-s).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateSignalName]
    [ArgumentCompleter(typeof(SignalNameCompleter))]
    public string? Signal { get; set; }

    /// <summary>Only signals sent by this process (-p).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ProcessIdCompleter))]
    public int? ProcessId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        int? number = Signal is not null && SignalName.TryNumber(Signal, out var n) ? n : null;
        Trace(KillOnly ? ToolCatalog.Kill : ToolCatalog.Signal, new SignalOptions(ProcessId, number, FailedOnly));
    }
}
