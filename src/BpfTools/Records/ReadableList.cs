using System.Collections.ObjectModel;

namespace BpfTools.Records;

/// <summary>
/// A record's list property that reads as text: Export-Csv writes each property's ToString(), which for an
/// array is its type name (System.String[]). Indexing, Count, enumeration and ConvertTo-Json see a plain list.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class ReadableList<T> : ReadOnlyCollection<T>
{
    /// <summary>Wraps <paramref name="items"/> (not copied).</summary>
    protected ReadableList(IList<T> items) : base(items)
    {
    }

    /// <summary>What goes between two items in the text.</summary>
    protected abstract string Separator { get; }

    /// <summary>One item as text.</summary>
    protected virtual string Text(T item) => item?.ToString() ?? "";

    /// <inheritdoc/>
    public override string ToString() => string.Join(Separator, this.Select(Text));
}
