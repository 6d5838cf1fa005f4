using System.Collections;
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
        if (InputObject.BaseObject is CpuStackSample sample)
        {
            WriteObject(FoldedStackFormat.Line(FoldedStackFormat.Frames(sample.ProcessName, sample.UserStack, sample.KernelStack), sample.Count));
            return;
        }
        if (InputObject.BaseObject is OffCpuStackSample offCpu)
        {
            WriteObject(FoldedStackFormat.Line(FoldedStackFormat.Frames(offCpu.ProcessName, offCpu.UserStack, offCpu.KernelStack), Microseconds(offCpu.BlockedTime)));
            return;
        }
        // A deserialized copy: the same properties, with the stacks as lists of strings.
        var name = InputObject.Properties["ProcessName"]?.Value?.ToString();
        var count = InputObject.Properties["Count"]?.Value is { } samples
            ? Convert.ToInt64(samples, System.Globalization.CultureInfo.InvariantCulture)
            : BlockedMicroseconds(InputObject.Properties["BlockedTime"]?.Value);
        if (name is null || count is null)
        {
            WriteError(new Problem(BpfErrorId.NotAStackSample, ErrorCategory.InvalidArgument,
                "The input has no ProcessName and Count (or BlockedTime): it is not a CpuStackSample or OffCpuStackSample.",
                "Pipe the output of Get-BpfCpuProfile or Get-BpfOffCpuTime (or a deserialized copy of it) into ConvertTo-BpfFoldedStack.").ToErrorRecord(InputObject));
            return;
        }
        var frames = FoldedStackFormat.Frames(name, Frames("UserStack"), Frames("KernelStack"));
        WriteObject(FoldedStackFormat.Line(frames, count.Value));
    }

    private static long Microseconds(TimeSpan time) => time.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// A copy's BlockedTime: a TimeSpan (Import-Clixml), its text (Import-Csv: "00:00:01.0001200"), or the object
    /// ConvertTo-Json makes of it (ConvertFrom-Json: its Ticks); null when it is none of these.
    /// </summary>
    private static long? BlockedMicroseconds(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        TimeSpan time => Microseconds(time),
        string text when TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var time) => Microseconds(time),
        _ when value is PSObject json && json.Properties["Ticks"]?.Value is { } ticks =>
            Convert.ToInt64(ticks, System.Globalization.CultureInfo.InvariantCulture) / TimeSpan.TicksPerMicrosecond,
        _ => null,
    };

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
