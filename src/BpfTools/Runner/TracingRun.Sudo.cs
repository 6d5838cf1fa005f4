namespace BpfTools.Runner;

/// <summary>
/// A run through sudo and the module's guard (<see cref="ToolInvocation.ThroughSudo"/>): the stdin pipe that stands
/// for the parent-death signal, and the last-resort kill of sudo alone.
/// </summary>
internal sealed partial class TracingRun<TRecord>
{
    /// <summary>
    /// The guard's stdin, through sudo: held open, writing nothing, until the run is asked to stop (the guard then
    /// stops the tool, with the SIGINT sudo relays) or sudo has exited. If PowerShell dies instead, the kernel closes
    /// it, and the guard stops the tool: the parent-death signal, for a tool this process may not signal.
    /// </summary>
    private async Task HoldUntilStopAsync(Stream stdin, CancellationToken exited)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(exited, _graceful.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Returning closes the pipe.
        }
    }

    /// <summary>SIGKILL to sudo only (its real uid is this user's); its root children are the guard's to stop.</summary>
    private void KillSudoAlone()
    {
        try
        {
            using var sudo = System.Diagnostics.Process.GetProcessById(ProcessId ?? -1);
            sudo.Kill(entireProcessTree: false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
