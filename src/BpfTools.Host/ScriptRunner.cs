using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;

namespace BpfTools.Host;

/// <summary>
/// Opens a runspace on <see cref="BpfHost"/>, imports the module, runs the user's command piped to Out-Default,
/// and turns the outcome into an exit code. Ctrl-C and SIGTERM stop the running pipeline.
/// </summary>
internal sealed class ScriptRunner
{
    private const int InterruptedExitCode = 130; // 128 + SIGINT, as shells report it
    private const int TerminatedExitCode = 143;  // 128 + SIGTERM

    // Any terminating error (also a cmdlet's statement-terminating one) ends the command, as with `set -e`,
    // but is caught inside Out-Default's pipeline so the rows it has buffered still print; then it is rethrown.
    // Non-terminating errors (WriteError) neither stop the command nor change the exit code.
    private const string CommandWrapper = """
        param($__command)
        $__failure = $null
        . { try { . $__command } catch { $__failure = $_ } } | Out-Default
        if ($__failure) { throw $__failure }
        """;

    private readonly BpfHost _host = new();
    private volatile PowerShell? _running;
    private volatile int _stopExitCode;

    /// <summary>Runs <paramref name="options"/>' command after importing <paramref name="modulePath"/> (if not null).</summary>
    public int Run(HostOptions options, string? modulePath)
    {
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => ctx.Cancel = RequestStop(TerminatedExitCode));
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            using Runspace runspace = RunspaceFactory.CreateRunspace(_host, InitialSessionState.CreateDefault2());
            runspace.Open();
            if (modulePath is not null)
            {
                int code = Invoke(runspace, ps => ps.AddCommand("Import-Module").AddParameter("Name", modulePath).AddParameter("ErrorAction", "Stop"));
                if (code != 0)
                {
                    Console.Error.WriteLine($"bpftools-host: could not import module {modulePath}");
                    return code;
                }
            }

            // A script's `exit N` sets $LASTEXITCODE (scripts catch their own exit); start from 0 to tell.
            runspace.SessionStateProxy.SetVariable("LASTEXITCODE", 0);
            int result = Invoke(runspace, ps => AddUserCommand(ps, options));
            if (result == 0 && options.ScriptFile is not null && runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int scriptExit)
            {
                return scriptExit;
            }

            return result;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    private static PowerShell AddUserCommand(PowerShell ps, HostOptions options)
    {
        if (options.ScriptFile is null)
        {
            return ps.AddScript(CommandWrapper).AddArgument(ScriptBlock.Create(options.CommandText));
        }

        // Like pwsh -File: "-Name" (dash kept, no value) is a bare parameter name that the binder pairs with the
        // next argument, or sets as a switch; anything else, "-5" included, is a positional value.
        var command = new Command(Path.GetFullPath(options.ScriptFile));
        foreach (string arg in options.ScriptArgs)
        {
            bool isName = arg.Length > 1 && arg[0] == '-' && char.IsLetter(arg[1]);
            command.Parameters.Add(isName ? new CommandParameter(arg) : new CommandParameter(null, arg));
        }

        ps.Commands.AddCommand(command);
        return ps.AddCommand("Out-Default");
    }

    private int Invoke(Runspace runspace, Action<PowerShell> build)
    {
        using PowerShell ps = PowerShell.Create(runspace);
        // Non-terminating errors land in the Error stream rather than the host UI: print them as they arrive.
        ps.Streams.Error.DataAdded += (_, e) => _host.UI.WriteErrorLine(ErrorFormatter.Format(ps.Streams.Error[e.Index]));
        _running = ps;
        try
        {
            build(ps); // may throw a ParseException for the command text
            ps.Invoke();
        }
        catch (PipelineStoppedException)
        {
            return _stopExitCode != 0 ? _stopExitCode : InterruptedExitCode;
        }
        catch (RuntimeException ex)
        {
            _host.UI.WriteErrorLine(ErrorFormatter.Format(ex.ErrorRecord));
            return 1;
        }
        finally
        {
            _running = null;
        }

        return _stopExitCode != 0 ? _stopExitCode : _host.ExitCode ?? 0;
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) =>
        // Only the first Ctrl-C is soft: a second one (already stopping) ends the process as usual.
        e.Cancel = _stopExitCode == 0 && RequestStop(InterruptedExitCode);

    /// <summary>Begins stopping the running pipeline; false when there is none (let the signal act normally).</summary>
    private bool RequestStop(int exitCode)
    {
        PowerShell? ps = _running;
        if (ps is null)
        {
            return false;
        }

        _stopExitCode = exitCode;
        ps.BeginStop(null, null);
        return true;
    }
}
