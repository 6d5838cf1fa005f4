using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

/// <summary>What one timed pipeline gave.</summary>
public sealed record PipelineResult(TimeSpan Elapsed, IReadOnlyList<PSObject> Output, IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Warnings, IReadOnlyList<ErrorRecord> Errors)
{
    /// <summary>The count Measure-BenchOutput wrote last.</summary>
    public long Count => Output.Count > 0 && Output[^1].BaseObject is long n ? n : -1;
}

/// <summary>A runspace with the built module imported from out/BpfTools, as a user's session would have it.</summary>
public sealed class BenchRunspace : IDisposable
{
    private readonly Runspace _runspace;

    public BenchRunspace(string moduleManifest)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(moduleManifest);
        state.Commands.Add(new SessionStateCmdletEntry("Measure-BenchOutput", typeof(MeasureBenchOutputCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Write-BenchObject", typeof(WriteBenchObjectCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Write-HandedOverObject", typeof(WriteHandedOverObjectCommand), null));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    /// <summary>Runs a script to its end and times it.</summary>
    public PipelineResult Run(string script, Action<PSObject>? onFirstOutput = null)
    {
        using var ps = PowerShell.Create(_runspace);
        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        if (onFirstOutput is not null)
        {
            var seen = 0;
            output.DataAdded += (_, e) =>
            {
                if (Interlocked.Exchange(ref seen, 1) == 0)
                {
                    onFirstOutput(output[e.Index]);
                }
            };
        }
        var clock = Stopwatch.StartNew();
        ps.Invoke(null, output);
        clock.Stop();
        return new PipelineResult(clock.Elapsed, [.. output], [.. ps.Streams.Verbose.Select(v => v.Message)],
            [.. ps.Streams.Warning.Select(w => w.Message)], [.. ps.Streams.Error]);
    }

    public void Dispose() => _runspace.Dispose();
}
