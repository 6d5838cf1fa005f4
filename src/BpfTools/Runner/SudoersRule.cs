using System.Text;
using System.Text.RegularExpressions;

namespace BpfTools.Runner;

/// <summary>
/// The sudoers text that lets a user or a group run exactly BpfTools' commands through the guard: a header, one
/// Cmnd_Alias with a line per tool command, and the rule. Text only: <see cref="RootOnlyFiles"/> checks the files first.
/// </summary>
/// <remarks>
/// sudoers' "*" matches any characters, spaces included, so it stands only at the end, after a literal prefix that
/// fixes what runs: the guard, the tool's full path and, for bpftrace, "-f json", the module's program and "--".
/// After "--" bpftrace takes only positional parameters ($1...), so no argument can give it an option such as -e
/// (a program of the caller's), -c (a command run as root), -o (a file written as root) or --unsafe.
/// </remarks>
internal static partial class SudoersRule
{
    /// <summary>One command the rule allows: the executable, then the fixed arguments before the caller's "*".</summary>
    /// <param name="Tools">The tools it serves (execsnoop), listed in the header.</param>
    /// <param name="Command">The executable's full path and the fixed arguments.</param>
    internal sealed record Line(string Tools, IReadOnlyList<string> Command);

    /// <summary>The sudoers text for <paramref name="who"/> (a user name, or %group).</summary>
    public static string Write(string who, string guard, IReadOnlyList<Line> lines, string moduleVersion, string moduleFolder)
    {
        var alias = AliasFor(who);
        var text = new StringBuilder()
            .Append("# BpfTools ").Append(moduleVersion).Append(" in ").Append(moduleFolder).Append(": written by Get-BpfSudoersRule.\n")
            .Append("# Lets ").Append(who).Append(" run these commands as root, and nothing else, through the module's\n")
            .Append("# guard, which stops the tool when the user's PowerShell ends. Every file named here, and every\n")
            .Append("# folder above it, must stay root's alone: whoever can change one can run anything as root.\n")
            .Append("# Invoke-BpfTrace is never allowed: bpftrace with a program of the caller's can read and write any memory\n")
            .Append("# and run commands (system(), -c, --unsafe), which is root for whoever may run it. Run it as root.\n")
            .Append(Comment("Tools: " + string.Join(", ", lines.SelectMany(l => l.Tools.Split(", ")).Distinct()) + "."))
            .Append("Cmnd_Alias ").Append(alias).Append(" = \\\n");
        // Each command twice: with the caller's arguments ("*" needs at least one, after a space), and without any.
        var commands = lines.SelectMany(l => string.Join(' ', new[] { guard }.Concat(l.Command).Select(Escape)) is var fixedPart
            ? new[] { fixedPart + " *", fixedPart } : []).ToList();
        for (var i = 0; i < commands.Count; i++)
        {
            text.Append("    ").Append(commands[i]).Append(i + 1 < commands.Count ? ", \\\n" : "\n");
        }
        return text.Append(who).Append(" ALL=(root) NOPASSWD: ").Append(alias).Append('\n').ToString();
    }

    /// <summary>Comment lines of at most 100 characters.</summary>
    private static string Comment(string text)
    {
        var lines = new StringBuilder();
        var line = new StringBuilder("#");
        foreach (var word in text.Split(' '))
        {
            if (line.Length + 1 + word.Length > 100 && line.Length > 1)
            {
                lines.Append(line).Append('\n');
                line.Clear().Append('#');
            }
            line.Append(' ').Append(word);
        }
        return lines.Append(line).Append('\n').ToString();
    }

    /// <summary>
    /// A word of a command as sudoers reads it literally: ',', ':' and '=' escaped with a backslash. Any other
    /// character beyond letters, digits and "._+/@%~-" is refused rather than escaped: whitespace and '(' cannot be
    /// written at all, and visudo refuses escaped glob characters in a command's path.
    /// </summary>
    /// <exception cref="ArgumentException">The word has a character that cannot be written.</exception>
    public static string Escape(string word)
    {
        if (!WritableWord().IsMatch(word))
        {
            throw new ArgumentException($"'{word}' has a character a sudoers command cannot hold as it is (only letters, digits and ._+/@%~-,:=).", nameof(word));
        }
        return SpecialCharacters().Replace(word, @"\$0");
    }

    /// <summary>A user name sudoers takes as it is (letters, digits, '.', '_', '-'; not starting with '-'), or null.</summary>
    public static string? Who(string? user, string? group)
    {
        var name = user ?? group ?? "";
        return PlainName().IsMatch(name) ? (group is null ? name : "%" + name) : null;
    }

    /// <summary>The alias: BPFTOOLS_ and the name in capitals, so rules for several users or groups can sit side by side.</summary>
    public static string AliasFor(string who) =>
        "BPFTOOLS_" + (who.StartsWith('%') ? "GROUP_" : "") + NotAliasCharacter().Replace(who.TrimStart('%').ToUpperInvariant(), "_");

    [GeneratedRegex(@"[,:=]")]
    private static partial Regex SpecialCharacters();

    [GeneratedRegex(@"^[A-Za-z0-9._+/@%~,:=-]+$")]
    private static partial Regex WritableWord();

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"[^A-Z0-9_]")]
    private static partial Regex NotAliasCharacter();
}
