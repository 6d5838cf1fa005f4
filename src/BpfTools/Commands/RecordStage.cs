namespace BpfTools.Commands;

/// <summary>
/// What a cmdlet does with the parsed records before they reach the pipeline, beyond filtering them: regroup them
/// (histograms of one-second ticks into clock-aligned windows), hold some back, and say when it has all it needs.
/// Runs on the pipeline thread.
/// </summary>
internal abstract class RecordStage<TRecord>
{
    /// <summary>Takes one record; returns the records to write now (none, it, or others it completes).</summary>
    public abstract IEnumerable<TRecord> Take(TRecord record);

    /// <summary>The stage has all it needs: the tool can be stopped.</summary>
    public virtual bool Done { get; private protected set; }

    /// <summary>At the end of a run that was not stopped: the records still held back that are complete.</summary>
    public virtual IEnumerable<TRecord> Finish() => [];

    /// <summary>What the stage did, for -Verbose at the end; null when there is nothing to say.</summary>
    public virtual string? Summary => null;
}
