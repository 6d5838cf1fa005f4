using System.Management.Automation;

/// <summary>
/// Writes <see cref="Count"/> new, ready-made objects: the fastest any compiled cmdlet can feed the pipeline,
/// which measures PowerShell's own per-object cost (WriteObject and the downstream cmdlet's parameter binding).
/// </summary>
[Cmdlet(VerbsCommunications.Write, "BenchObject")]
public sealed class WriteBenchObjectCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    public long Count { get; set; }

    protected override void ProcessRecord()
    {
        for (long i = 0; i < Count; i++)
        {
            WriteObject(new Version(1, 0));
        }
    }
}
