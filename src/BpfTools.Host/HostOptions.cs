namespace BpfTools.Host;

/// <summary>The parsed command line of bpftools-host.</summary>
internal sealed record HostOptions(
    string? ModulePath, bool NoModule, string? CommandText, string? ScriptFile, IReadOnlyList<string> ScriptArgs, bool ShowHelp)
{
    public const string Usage = """
        usage: bpftools-host [-Module <path.psd1>] [-NoModule] [-Command|-c] <script text>
               bpftools-host [-Module <path.psd1>] [-NoModule] -File <script.ps1> [args...]
               bpftools-host -h|--help

        Imports the BpfTools module (default: ../BpfTools/BpfTools.psd1 next to this host, or $BPFTOOLS_MODULE)
        and runs the command non-interactively, rendering output through Out-Default.
        """;

    /// <summary>Parses <paramref name="args"/>; on bad usage returns null and sets <paramref name="error"/>.</summary>
    public static HostOptions? Parse(string[] args, out string? error)
    {
        error = null;
        string? module = null;
        bool noModule = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg.ToLowerInvariant())
            {
                case "-h" or "--help" or "-help" or "-?":
                    return new HostOptions(null, false, null, null, [], ShowHelp: true);
                case "-nomodule":
                    noModule = true;
                    break;
                case "-module" when i + 1 < args.Length:
                    module = args[++i];
                    break;
                case "-command" or "-c" when i + 1 < args.Length:
                    return new HostOptions(module, noModule, string.Join(' ', args[(i + 1)..]), null, [], false);
                case "-file" or "-f" when i + 1 < args.Length:
                    return new HostOptions(module, noModule, null, args[i + 1], args[(i + 2)..], false);
                case "-module" or "-command" or "-c" or "-file" or "-f":
                    error = $"option {arg} needs a value";
                    return null;
                default:
                    if (arg.StartsWith('-'))
                    {
                        error = $"unknown option {arg}";
                        return null;
                    }

                    // Like pwsh, a bare argument starts the command text and the rest joins it.
                    return new HostOptions(module, noModule, string.Join(' ', args[i..]), null, [], false);
            }
        }

        error = "no command given";
        return null;
    }
}
