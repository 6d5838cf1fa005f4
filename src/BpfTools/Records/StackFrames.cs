using System.Runtime.CompilerServices;

namespace BpfTools.Records;

/// <summary>A stack's frames, leaf first. As text: "leaf &lt;- caller &lt;- its caller", read as "called from".</summary>
[CollectionBuilder(typeof(StackFrames), nameof(Create))]
public sealed class StackFrames : ReadableList<string>
{
    /// <summary>No frames.</summary>
    public static readonly StackFrames None = new([]);

    private StackFrames(string[] items) : base(items)
    {
    }

    /// <summary>A copy of <paramref name="items"/> as a stack.</summary>
    public static StackFrames Create(ReadOnlySpan<string> items) => items.IsEmpty ? None : new(items.ToArray());

    /// <summary>Wraps <paramref name="items"/>, which must not change afterwards.</summary>
    public static implicit operator StackFrames(string[] items) => items.Length == 0 ? None : new(items);

    /// <inheritdoc/>
    protected override string Separator => " <- ";
}
