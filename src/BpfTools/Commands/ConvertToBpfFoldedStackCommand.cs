using System.Collections;
using System.Management.Automation;
using BpfTools.Errors;
using BpfTools.Records;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Turns CPU stack samples into Brendan Gregg's folded stack lines, ready for flamegraph.pl.</para>
/// </summary>
/// <remarks>
/// One line per input: "comm;user_root;...;user_leaf;kernel_root;...;kernel_leaf count". Takes the
/// CpuStackSample objects of Get-BpfCpuProfile, and their copies read back with Import-Clixml.
/// </remarks>
[Cmdlet(VerbsData.ConvertTo, "BpfFoldedStack")]
[OutputType(typeof(string))]
public sealed class ConvertToBpfFoldedStackCommand : PSCmdlet
{
    /// <summary>A CpuStackSample, or an object with its ProcessName, Count, UserStack and KernelStack properties.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public PSObject InputObject { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject.BaseObject is CpuStackSample sample)
        {
            WriteObject(FoldedStackFormat.Line(FoldedStackFormat.Frames(sample.ProcessName, sample.UserStack, sample.KernelStack), sample.Count));
            return;
        }
        // A deserialized copy: the same properties, with the stacks as lists of strings.
        var name = InputObject.Properties["ProcessName"]?.Value?.ToString();
        var count = InputObject.Properties["Count"]?.Value;
        if (name is null || count is null)
        {
            WriteError(new Problem(BpfErrorId.NotAStackSample, ErrorCategory.InvalidArgument,
                "The input has no ProcessName and Count: it is not a CpuStackSample.",
                "Pipe the output of Get-BpfCpuProfile (or a deserialized copy of it) into ConvertTo-BpfFoldedStack.").ToErrorRecord(InputObject));
            return;
        }
        var frames = FoldedStackFormat.Frames(name, Frames("UserStack"), Frames("KernelStack"));
        WriteObject(FoldedStackFormat.Line(frames, Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private IEnumerable<string> Frames(string property)
    {
        var value = InputObject.Properties[property]?.Value;
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object?>().Select(f => f?.ToString() ?? ""),
            _ => [],
        };
    }
}
