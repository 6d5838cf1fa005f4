namespace BpfTools.Parsers;

/// <summary>
/// Reads the columns that follow a field whose end is not known from the field itself (a padded process name),
/// from <paramref name="at"/>, where that field would end.
/// </summary>
/// <typeparam name="T">Where the columns lie in the line.</typeparam>
/// <param name="line">The whole line.</param>
/// <param name="at">Where the field before them ends: at <c>line.Length</c> at the most.</param>
/// <param name="tail">The columns, when they read.</param>
/// <returns>False when the rest of the line does not read from <paramref name="at"/>.</returns>
internal delegate bool TailReader<T>(ReadOnlySpan<char> line, int at, out T tail);
