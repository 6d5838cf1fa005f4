using System.Runtime.CompilerServices;

namespace BpfTools.Records;

/// <summary>
/// An argument vector. As text it is the command line a POSIX shell would read back into the same arguments
/// (each quoted where needed), so a CSV report keeps arguments that hold spaces or newlines exact.
/// </summary>
[CollectionBuilder(typeof(CommandArguments), nameof(Create))]
public sealed class CommandArguments : ReadableList<string>
{
    /// <summary>No arguments.</summary>
    public static readonly CommandArguments None = new([]);

    private CommandArguments(IList<string> items) : base(items)
    {
    }

    /// <summary>Arguments a parser decodes when they are first read (see <see cref="DeferredArguments"/>).</summary>
    internal static CommandArguments Deferred(DeferredArguments items) => new(items);

    /// <summary>A copy of <paramref name="items"/> as an argument vector.</summary>
    public static CommandArguments Create(ReadOnlySpan<string> items) => items.IsEmpty ? None : new(items.ToArray());

    /// <summary>Wraps <paramref name="items"/>, which must not change afterwards.</summary>
    public static implicit operator CommandArguments(string[] items) => items.Length == 0 ? None : new(items);

    /// <inheritdoc/>
    protected override string Separator => " ";

    /// <inheritdoc/>
    protected override string Text(string item) =>
        item.Length > 0 && item.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? item
            : "'" + item.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
