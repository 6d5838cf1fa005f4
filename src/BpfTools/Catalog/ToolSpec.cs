namespace BpfTools.Catalog;

/// <summary>A wrapped tool: its cmdlet and its backends in preference order.</summary>
/// <param name="Name">The tool's name, as bcc and bpftrace users know it (execsnoop).</param>
/// <param name="Cmdlet">The cmdlet that wraps it.</param>
/// <param name="Summary">What it traces.</param>
internal abstract record ToolSpec(string Name, string Cmdlet, string Summary)
{
    /// <summary>The backends, most preferred first.</summary>
    public abstract IReadOnlyList<BackendSpec> AllBackends { get; }
}

/// <summary>A tool whose backends all produce <typeparamref name="TRecord"/> from <typeparamref name="TOptions"/>.</summary>
internal sealed record ToolSpec<TOptions, TRecord>(string Name, string Cmdlet, string Summary, IReadOnlyList<BackendSpec<TOptions, TRecord>> Backends)
    : ToolSpec(Name, Cmdlet, Summary)
    where TRecord : class
{
    /// <inheritdoc/>
    public override IReadOnlyList<BackendSpec> AllBackends => Backends;
}
