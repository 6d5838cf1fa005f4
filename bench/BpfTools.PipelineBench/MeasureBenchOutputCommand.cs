using System.Management.Automation;

/// <summary>
/// Counts its input and writes the count at the end: the fastest possible consumer, standing in for
/// Measure-Object, which the engine-only runspace here does not have.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "BenchOutput")]
public sealed class MeasureBenchOutputCommand : PSCmdlet
{
    private long _count;

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord() => _count++;

    protected override void EndProcessing() => WriteObject(_count);
}
