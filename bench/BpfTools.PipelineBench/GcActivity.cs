/// <summary>
/// This process's garbage collections so far: how many of each generation, and how long they paused it. The pause
/// is where a' loses most against p: records waiting in the queue live through collections that p's objects do not.
/// </summary>
public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcActivity Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    /// <summary>"161/157/0, paused 156 ms of 722 ms": the counts, and the pause against the run's <paramref name="elapsed"/> time.</summary>
    public string Describe(TimeSpan elapsed) =>
        $"{Gen0}/{Gen1}/{Gen2}, paused {Paused.TotalMilliseconds:F0} ms of {elapsed.TotalMilliseconds:F0} ms";
}
