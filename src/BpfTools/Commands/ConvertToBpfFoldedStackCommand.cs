using System.Management.Automation;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Turns CPU and off-CPU stack samples into Brendan Gregg's folded stack lines, ready for flamegraph.pl.</para>
/// </summary>
/// <remarks>
/// One line per input: "comm;user_root;...;user_leaf;kernel_root;...;kernel_leaf count". Takes the
/// CpuStackSample objects of Get-BpfCpuProfile (the count is the samples) and the OffCpuStackSample objects of
/// Get-BpfOffCpuTime (the count is the microseconds blocked, as offcputime -f gives it), and their copies read back.
/// </remarks>
[Cmdlet(VerbsData.ConvertTo, "BpfFoldedStack")]
[OutputType(typeof(string))]
public sealed class ConvertToBpfFoldedStackCommand : PSCmdlet
{
    /// <summary>A CpuStackSample or OffCpuStackSample, or an object with its ProcessName, Count or BlockedTime, UserStack and KernelStack properties.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public PSObject InputObject { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (StackSampleObject.From(InputObject) is not { } sample)
        {
            WriteError(new Problem(BpfErrorId.NotAStackSample, ErrorCategory.InvalidArgument,
                "The input has no ProcessName and Count (or BlockedTime): it is not a CpuStackSample or OffCpuStackSample.",
                "Pipe the output of Get-BpfCpuProfile or Get-BpfOffCpuTime (or a deserialized copy of it) into ConvertTo-BpfFoldedStack.").ToErrorRecord(InputObject));
            return;
        }
        WriteObject(FoldedStackFormat.Line(FoldedStackFormat.Frames(sample.ProcessName, sample.UserStack, sample.KernelStack), sample.Count));
    }
}
