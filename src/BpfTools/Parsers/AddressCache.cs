using System.Net;
using System.Net.Sockets;

namespace BpfTools.Parsers;

/// <summary>
/// IP address columns (tcplife, tcpretrans) as strings, with whether <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// reads them and as which family. A connection's addresses repeat line after line, so each distinct text is
/// allocated and parsed once while it stays in the cache (see <see cref="StringCache"/>).
/// </summary>
internal sealed class AddressCache
{
    private readonly Entry?[] _entries = new Entry?[StringCache.Slots];

    /// <summary>The address text as a string and its family, or false when it is not an IP address.</summary>
    public bool TryGet(ReadOnlySpan<char> text, out string address, out AddressFamily family)
    {
        ref var slot = ref _entries[StringCache.Slot(text)];
        if (slot is not { } entry || !text.SequenceEqual(entry.Text))
        {
            var parsed = IPAddress.TryParse(text, out var ip);
            entry = new Entry(new string(text), parsed ? ip!.AddressFamily : null);
            slot = entry;
        }
        address = entry.Text;
        family = entry.Family ?? AddressFamily.Unknown;
        return entry.Family is not null;
    }

    private sealed record Entry(string Text, AddressFamily? Family);
}
