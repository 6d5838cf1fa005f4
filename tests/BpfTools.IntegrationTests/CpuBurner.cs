using System.Diagnostics;

namespace BpfTools.IntegrationTests;

/// <summary>
/// A process that burns a CPU (`while :; do :; done`) in a copy of /bin/sh with a unique name: the marker (its comm)
/// of a test that traces the CPU, among the other engineers' processes on this shared host.
/// </summary>
internal sealed class CpuBurner : IDisposable
{
    private readonly string _binary;
    private readonly Process _process;

    public CpuBurner(string prefix)
    {
        Name = prefix + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _binary = Path.Combine(Path.GetTempPath(), Name);
        File.Copy("/bin/sh", _binary, overwrite: true);
        File.SetUnixFileMode(_binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _process = Process.Start(new ProcessStartInfo(_binary, ["-c", "while :; do :; done"]))!;
    }

    /// <summary>Its name, as comm: the prefix and six digits (within comm's 15 characters).</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        File.Delete(_binary);
    }
}
