using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>
/// Hands out one string per distinct text for a column whose values repeat (process names, disks, addresses, rwbs),
/// so a parser does not allocate the same name on every line. Strings are immutable: records sharing one is safe.
/// </summary>
/// <remarks>
/// A small direct-mapped table: a text whose slot holds another is allocated and replaces it, so the cache never
/// grows and a column of ever-new values costs one comparison a line.
/// </remarks>
internal sealed class StringCache
{
    internal const int Slots = 256;
    private const int MaxLength = 64;
    private readonly string?[] _strings = new string?[Slots];

    /// <summary>The text as a string, the same instance as the last time this text was seen when still cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }
        if (text.Length > MaxLength)
        {
            return new string(text);
        }
        ref var slot = ref _strings[Slot(text)];
        if (slot is { } cached && text.SequenceEqual(cached))
        {
            return cached;
        }
        slot = new string(text);
        return slot;
    }

    /// <summary>The table slot of a text.</summary>
    internal static int Slot(ReadOnlySpan<char> text)
    {
        // A cheap multiplicative hash: names are short, and a collision only costs an allocation.
        uint hash = (uint)text.Length;
        foreach (var c in text)
        {
            hash = (hash * 31) + c;
        }
        return (int)(hash ^ (hash >> 8) ^ (hash >> 16)) & (Slots - 1);
    }
}
