using System.Diagnostics;
using BpfTools.Catalog;
using BpfTools.Records;

namespace BpfTools.Locator;

/// <summary>Asks an executable for its version (bpftrace --version, execsnoop -V), with a short timeout.</summary>
internal static class ToolVersion
{
    /// <summary>The first line the tool prints for its version flag, or "" when it does not answer.</summary>
    public static string Read(string path, BackendKind kind)
    {
        var flag = kind == BackendKind.Libbpf ? "-V" : "--version";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, flag)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "";
            }
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(3000))
            {
                process.Kill();
                return "";
            }
            return output.Result.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "";
        }
    }
}
