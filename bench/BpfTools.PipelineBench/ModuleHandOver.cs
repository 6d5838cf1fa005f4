using System.Reflection;

/// <summary>
/// BpfTools' own hand-over queue and its batch shape, taken from the module the runspace loaded: the bench does not
/// reference the assembly (the module loads it by path), so it reaches them by reflection, once a batch.
/// </summary>
internal sealed class ModuleHandOver
{
    private static readonly Assembly Module =
        AppDomain.CurrentDomain.GetAssemblies().Single(assembly => assembly.GetName().Name == "BpfTools");

    private static readonly Type QueueType = Module.GetType("BpfTools.Runner.HandOverQueue", throwOnError: true)!;

    private static readonly MethodInfo AddMethod = QueueType.GetMethod("Add")!;

    private static readonly MethodInfo CompleteAddingMethod = QueueType.GetMethod("CompleteAdding")!;

    private static readonly MethodInfo ConsumeMethod = QueueType.GetMethod("GetConsumingEnumerable")!;

    private readonly object _queue = Activator.CreateInstance(QueueType, Constant("QueueCapacity"))!;

    /// <summary>The most records a batch holds (ToolOutput.BatchSize).</summary>
    public static int BatchSize { get; } = Constant("BatchSize");

    public void Add(object batch) => AddMethod.Invoke(_queue, [batch, CancellationToken.None]);

    public void CompleteAdding() => CompleteAddingMethod.Invoke(_queue, null);

    public IEnumerable<object> Consume() => (IEnumerable<object>)ConsumeMethod.Invoke(_queue, [CancellationToken.None])!;

    private static int Constant(string name) =>
        (int)Module.GetType("BpfTools.Runner.ToolOutput`1", throwOnError: true)!
            .GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
}
