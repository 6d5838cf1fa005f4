using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    internal const int Slots = 1 << SlotBits;
    private const int SlotBits = 8;
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
        // A cheap multiplicative hash, four characters at a time (paths are tens of characters, and a character at a
        // time was a fifth of reading an opensnoop line); a collision only costs an allocation. The top bits are the
        // best mixed: they pick the slot.
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)text.Length;
        var words = MemoryMarshal.Cast<char, ulong>(text);
        foreach (var word in words)
        {
            hash = (hash ^ word) * Multiplier;
        }
        foreach (var c in text[(words.Length * 4)..])
        {
            hash = (hash ^ c) * Multiplier;
        }
        return (int)(hash >> (64 - SlotBits));
    }
}
