using BpfTools.Host;

const int UsageExitCode = 2;

HostOptions? options = HostOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"bpftools-host: {error}");
    Console.Error.WriteLine(HostOptions.Usage);
    return UsageExitCode;
}

if (options.ShowHelp)
{
    Console.WriteLine(HostOptions.Usage);
    return 0;
}

string? modulePath = null;
if (!options.NoModule)
{
    // -Module beats $BPFTOOLS_MODULE beats the build layout (out/host next to out/BpfTools).
    string? fromEnv = Environment.GetEnvironmentVariable("BPFTOOLS_MODULE");
    modulePath = Path.GetFullPath(options.ModulePath
        ?? (string.IsNullOrEmpty(fromEnv) ? Path.Combine(AppContext.BaseDirectory, "..", "BpfTools", "BpfTools.psd1") : fromEnv));
    if (!File.Exists(modulePath))
    {
        Console.Error.WriteLine($"bpftools-host: module manifest not found at {modulePath}; run `dotnet build -c Release` at the repo root (or pass -Module <path>).");
        return UsageExitCode;
    }
}

if (options.ScriptFile is not null && !File.Exists(options.ScriptFile))
{
    Console.Error.WriteLine($"bpftools-host: script file not found: {options.ScriptFile}");
    return UsageExitCode;
}

return new ScriptRunner().Run(options, modulePath);
