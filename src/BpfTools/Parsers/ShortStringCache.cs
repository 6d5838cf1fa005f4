using System.Runtime.CompilerServices;

namespace BpfTools.Parsers;

/// <summary>
/// Hands out one string instance per short value seen recently: the same comm, rwbs or address recurs on line
/// after line, and making it once saves an allocation per record (and the records collected share it). Direct
/// mapped, a slot per hash, the newest value wins; used by one parser, so not thread-safe.
/// </summary>
internal sealed class ShortStringCache
{
    /// <summary>Longer values (paths, arguments) are rarely equal and cost more to hash than to copy.</summary>
    public const int MaxLength = 24;

    private const int Slots = 256;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The string of <paramref name="value"/> (at most <see cref="MaxLength"/> characters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<char> value)
    {
        ref var slot = ref _slots[Hash(value) & (Slots - 1)];
        var cached = slot;
        if (cached is not null && value.SequenceEqual(cached))
        {
            return cached;
        }
        return slot = new string(value);
    }

    // FNV-1a over the characters: good enough to spread comm names, far cheaper than a seeded hash.
    private static uint Hash(ReadOnlySpan<char> value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash ^ (hash >> 16);
    }
}
