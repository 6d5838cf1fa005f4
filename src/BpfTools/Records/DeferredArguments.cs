using System.Collections;

namespace BpfTools.Records;

/// <summary>
/// The list inside a <see cref="CommandArguments"/> whose arguments are still the text the tool printed: a parser
/// (which knows the tool's quoting) decodes them the first time anything reads them. Most pipelines filter exec
/// events on other properties and never read the arguments of most records, so making them on every line was most
/// of what reading one cost. Read-only like the rest of a record; safe to read from several threads at once.
/// </summary>
internal abstract class DeferredArguments : IList<string>, IReadOnlyList<string>
{
    private string[]? _items;

    /// <summary>The arguments, decoded on the first call.</summary>
    private string[] Items => Volatile.Read(ref _items) ?? DecodeOnce();

    /// <inheritdoc/>
    public int Count => Items.Length;

    /// <inheritdoc/>
    public bool IsReadOnly => true;

    /// <inheritdoc/>
    public string this[int index]
    {
        get => Items[index];
        set => throw ReadOnly();
    }

    /// <summary>
    /// The arguments from the printed text; null when <see cref="ReleaseText"/> has run, which it does only after
    /// the decoded arguments are in place for every thread to see.
    /// </summary>
    protected abstract string[]? Decode();

    /// <summary>Lets go of the printed text once the arguments are decoded: a record does not keep both.</summary>
    protected abstract void ReleaseText();

    /// <inheritdoc/>
    public bool Contains(string item) => Array.IndexOf(Items, item) >= 0;

    /// <inheritdoc/>
    public int IndexOf(string item) => Array.IndexOf(Items, item);

    /// <inheritdoc/>
    public void CopyTo(string[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void Add(string item) => throw ReadOnly();

    /// <inheritdoc/>
    public void Clear() => throw ReadOnly();

    /// <inheritdoc/>
    public void Insert(int index, string item) => throw ReadOnly();

    /// <inheritdoc/>
    public bool Remove(string item) => throw ReadOnly();

    /// <inheritdoc/>
    public void RemoveAt(int index) => throw ReadOnly();

    private string[] DecodeOnce()
    {
        // Two threads may both decode: the first to finish wins, and the other's equal array is dropped.
        if (Decode() is not { } decoded)
        {
            return Volatile.Read(ref _items)!;
        }
        var items = Interlocked.CompareExchange(ref _items, decoded, null) ?? decoded;
        ReleaseText();
        return items;
    }

    private static NotSupportedException ReadOnly() => new("Collection is read-only.");
}
