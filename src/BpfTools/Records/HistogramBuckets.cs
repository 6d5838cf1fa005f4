using System.Runtime.CompilerServices;

namespace BpfTools.Records;

/// <summary>A histogram's buckets, lowest first. As text: "0 -> 1 : 5, 2 -> 3 : 12, ..." (each bucket's own text).</summary>
[CollectionBuilder(typeof(HistogramBuckets), nameof(Create))]
public sealed class HistogramBuckets : ReadableList<HistogramBucket>
{
    /// <summary>No buckets.</summary>
    public static readonly HistogramBuckets None = new([]);

    private HistogramBuckets(HistogramBucket[] items) : base(items)
    {
    }

    /// <summary>A copy of <paramref name="items"/> as a bucket list.</summary>
    public static HistogramBuckets Create(ReadOnlySpan<HistogramBucket> items) => items.IsEmpty ? None : new(items.ToArray());

    /// <summary>Wraps <paramref name="items"/>, which must not change afterwards.</summary>
    public static implicit operator HistogramBuckets(HistogramBucket[] items) => items.Length == 0 ? None : new(items);

    /// <inheritdoc/>
    protected override string Separator => ", ";
}
