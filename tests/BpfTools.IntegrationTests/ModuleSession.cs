using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BpfTools.IntegrationTests;

/// <summary>What one PowerShell invocation produced, stream by stream.</summary>
internal sealed record PsResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    RuntimeException? Terminating)
{
    /// <summary>
    /// The one error a failed command gave: a cmdlet's ThrowTerminatingError inside a script ends only that
    /// statement, so it arrives in the error stream, not as an exception.
    /// </summary>
    public ErrorRecord Failure => Terminating?.ErrorRecord ?? Xunit.Assert.Single(Errors);

    /// <summary>Asserts the script ran without any error, and returns this result.</summary>
    public PsResult AssertNoErrorsAnd()
    {
        AssertNoErrors();
        return this;
    }

    /// <summary>Asserts the script ran without any error.</summary>
    public void AssertNoErrors()
    {
        Xunit.Assert.Null(Terminating);
        Xunit.Assert.Empty(Errors.Select(e => e.FullyQualifiedErrorId + ": " + e));
    }
}

/// <summary>
/// A real runspace with the built module imported exactly as a user would: Import-Module out/BpfTools/BpfTools.psd1.
/// </summary>
internal sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleManifest);
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    /// <summary>The repository root: the folder above the tests that holds BpfTools.psd1.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModuleManifest => Path.Combine(RepoRoot, "out", "BpfTools", "BpfTools.psd1");

    public PsResult Invoke(string script) => Complete(Start(script), null);

    /// <summary>Runs a script with <paramref name="input"/> as its pipeline input ($input).</summary>
    public PsResult InvokeWith(string script, IEnumerable<object> input)
    {
        var ps = PowerShell.Create(_runspace);
        ps.AddScript(script);
        var inputData = new PSDataCollection<object>(input);
        inputData.Complete();
        var output = new PSDataCollection<PSObject>();
        return Complete(new Running(ps, output, ps.BeginInvoke(inputData, output)), null);
    }

    /// <summary>Starts a script; the caller may stop it, then calls <see cref="Complete"/>.</summary>
    public Running Start(string script)
    {
        var ps = PowerShell.Create(_runspace);
        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        return new Running(ps, output, handle);
    }

    public static PsResult Complete(Running running, TimeSpan? timeout)
    {
        RuntimeException? terminating = null;
        try
        {
            if (!running.Handle.AsyncWaitHandle.WaitOne(timeout ?? TimeSpan.FromSeconds(90)))
            {
                running.PowerShell.Stop();
                throw new TimeoutException("The pipeline did not end in time.");
            }
            running.PowerShell.EndInvoke(running.Handle);
        }
        catch (RuntimeException e)
        {
            terminating = e;
        }
        var streams = running.PowerShell.Streams;
        var result = new PsResult(
            [.. running.Output],
            [.. streams.Error],
            [.. streams.Warning.Select(w => w.Message)],
            [.. streams.Verbose.Select(v => v.Message)],
            terminating);
        running.PowerShell.Dispose();
        return result;
    }

    public void Dispose() => _runspace.Dispose();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BpfTools.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    /// <summary>A pipeline under way.</summary>
    internal sealed record Running(PowerShell PowerShell, PSDataCollection<PSObject> Output, IAsyncResult Handle)
    {
        /// <summary>Waits until the pipeline has written at least <paramref name="count"/> objects.</summary>
        public bool WaitForOutput(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Output.Count < count && !Handle.IsCompleted && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            return Output.Count >= count;
        }
    }
}
