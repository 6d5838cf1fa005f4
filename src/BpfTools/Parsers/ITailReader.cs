namespace BpfTools.Parsers;

/// <summary>
/// Reads the columns that follow a field whose end is not known from the field itself (a padded process name),
/// from where that field would end. A parser implements it on a small struct and passes that struct as a type
/// argument (<see cref="PaddedName"/>): the JIT then calls <see cref="TryRead"/> directly, as the loops each parser
/// had written by hand did, where a delegate would cost an indirect call per try.
/// </summary>
/// <typeparam name="T">Where the columns lie in the line.</typeparam>
internal interface ITailReader<T>
{
    /// <summary>The columns from <paramref name="at"/>, or false when the rest of the line does not read from there.</summary>
    /// <param name="line">The whole line.</param>
    /// <param name="at">Where the field before the columns ends: <c>line.Length</c> at the most.</param>
    /// <param name="tail">The columns, when they read.</param>
    static abstract bool TryRead(ReadOnlySpan<char> line, int at, out T tail);
}
