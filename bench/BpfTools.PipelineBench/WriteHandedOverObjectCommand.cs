using System.Management.Automation;

/// <summary>
/// Writes <see cref="Count"/> ready-made objects that another thread made and handed over the way BpfTools hands
/// over records (its own queue and batch size, <see cref="ModuleHandOver"/>), with no reading or parsing: what a
/// cmdlet that reads on a thread of its own can reach against p (h); a' adds the tool's output and its parser.
/// </summary>
[Cmdlet(VerbsCommunications.Write, "HandedOverObject")]
public sealed class WriteHandedOverObjectCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    public long Count { get; set; }

    protected override void ProcessRecord()
    {
        var queue = new ModuleHandOver();
        var maker = new Thread(() => Make(queue)) { IsBackground = true };
        maker.Start();
        foreach (var batch in queue.Consume())
        {
            foreach (var item in (List<Version>)batch)
            {
                WriteObject(item);
            }
        }
        maker.Join();
    }

    private void Make(ModuleHandOver queue)
    {
        var batch = new List<Version>();
        for (long i = 0; i < Count; i++)
        {
            batch.Add(new Version(1, 0));
            if (batch.Count == ModuleHandOver.BatchSize)
            {
                queue.Add(batch);
                batch = [];
            }
        }
        if (batch.Count > 0)
        {
            queue.Add(batch);
        }
        queue.CompleteAdding();
    }
}
