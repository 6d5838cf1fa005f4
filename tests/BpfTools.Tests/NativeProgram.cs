using System.Diagnostics;

namespace BpfTools.Tests;

/// <summary>
/// A C program the test compiles with gcc and runs: it prints the addresses the test asks about (as "%p" lines),
/// then sleeps until killed, so its /proc/PID/maps is the real, randomized (PIE, ASLR) layout.
/// </summary>
internal sealed class NativeProgram : IDisposable
{
    private readonly Process _process;

    private NativeProgram(Process process, string folder, IReadOnlyList<ulong> addresses)
    {
        _process = process;
        Folder = folder;
        Addresses = addresses;
    }

    /// <summary>The folder it was built in (deleted with it).</summary>
    public string Folder { get; }

    /// <summary>Its process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The addresses it printed, in order.</summary>
    public IReadOnlyList<ulong> Addresses { get; }

    /// <summary>
    /// Compiles <paramref name="source"/> with symbols (stripped afterwards if <paramref name="stripped"/>), linked to
    /// <paramref name="library"/>'s source built as a stripped libbpfsymunit.so if given; runs it and reads
    /// <paramref name="printed"/> addresses.
    /// </summary>
    public static NativeProgram Start(string name, string source, int printed, bool stripped = false, string? library = null)
    {
        var libraries = "";
        var folder = Directory.CreateTempSubdirectory("bpfsym-").FullName;
        if (library is not null)
        {
            File.WriteAllText(Path.Combine(folder, "lib.c"), library);
            Gcc(folder, $"-O0 -shared -fPIC -o libbpfsymunit.so lib.c");
            Run("strip", folder, "--strip-all libbpfsymunit.so");
            libraries = " -L. -lbpfsymunit -Wl,-rpath," + folder;
        }
        File.WriteAllText(Path.Combine(folder, "main.c"), source);
        Gcc(folder, $"-O0 -g -o '{name}' main.c{libraries}");
        if (stripped)
        {
            Run("strip", folder, $"--strip-all '{name}'");
        }
        var process = Process.Start(new ProcessStartInfo(Path.Combine(folder, name)) { RedirectStandardOutput = true })!;
        var addresses = new List<ulong>();
        for (var i = 0; i < printed; i++)
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{name} printed {i} addresses of {printed}.");
            addresses.Add(Convert.ToUInt64(line.Trim()[2..], 16));
        }
        return new NativeProgram(process, folder, addresses);
    }

    /// <summary>
    /// Compiles <paramref name="source"/> with symbols and frame pointers (deep user stacks) in a folder that is deleted
    /// once it has started, and runs it with <paramref name="argument"/>: a program that ends by itself.
    /// </summary>
    public static Process Launch(string name, string source, string argument)
    {
        var folder = Directory.CreateTempSubdirectory("bpfsym-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "main.c"), source);
            Gcc(folder, $"-O1 -g -fno-omit-frame-pointer -o '{name}' main.c");
            return Process.Start(new ProcessStartInfo(Path.Combine(folder, name), [argument]))!;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Ends the process and waits for it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static void Gcc(string folder, string arguments) => Run("gcc", folder, arguments);

    private static void Run(string file, string folder, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
            { WorkingDirectory = folder, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {error}");
        }
    }
}
