# Helpers for the Pester tests in tests/pester: where the built module is, who we run as, a workload that makes
# failing exec() calls, the check for tool processes left behind, and stand-in tool executables.

Set-StrictMode -Version Latest

# What a tracing run starts as children of this process (setpriv execs stdbuf, which execs the libbpf tool, all under one pid).
# A process name (comm) is at most 15 characters: execsnoop-bpfcc fits, opensnoop-bpfcc too.
$script:ToolProcessNames = @('execsnoop', 'execsnoop-bpfcc', 'bpf-execsnoop', 'opensnoop', 'opensnoop-bpfcc', 'bpf-opensnoop', 'bpftrace', 'stdbuf', 'setpriv')

function Get-BpfToolsManifest {
    <#
    .SYNOPSIS
        The built module's manifest, out/BpfTools/BpfTools.psd1; throws when the module is not built.
    #>
    [OutputType([string])]
    param()

    $manifest = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'BpfTools', 'BpfTools.psd1'))
    if (-not [System.IO.File]::Exists($manifest)) {
        throw "The module is not built: $manifest is missing. Run ./build.ps1 (or dotnet build BpfTools.slnx) first."
    }
    $manifest
}

function Test-IsRoot {
    <#
    .SYNOPSIS
        True when this process runs as root (id -u is 0).
    #>
    [OutputType([bool])]
    param()

    [string](& id -u) -eq '0'
}

function Test-IsUnprivileged {
    <#
    .SYNOPSIS
        True when this process has neither root nor the capabilities eBPF tracing needs
        (CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON), as BpfTools judges it.
    #>
    [OutputType([bool])]
    param()

    if (Test-IsRoot) {
        return $false
    }
    $line = [System.IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_.StartsWith('CapEff:') }
    $mask = [System.Convert]::ToUInt64(($line -split '\s+')[1], 16)
    $has = { param([int] $Bit) ($mask -band ([uint64]1 -shl $Bit)) -ne 0 }
    -not ((& $has 21) -or ((& $has 39) -and (& $has 38)))
}

function New-MissingExecPath {
    <#
    .SYNOPSIS
        A path no other test uses, whose exec() fails with ENOENT: /nonexistent/bpftools-pester-<guid>.
    #>
    [OutputType([string])]
    param()

    '/nonexistent/bpftools-pester-' + [guid]::NewGuid().ToString('N')
}

function Start-FailingExec {
    <#
    .SYNOPSIS
        Starts, in the background, a shell loop that runs `sh -c "exec <Path>"` every IntervalMilliseconds,
        so the failing exec() keeps happening after tracing has attached. Stop it with Stop-FailingExec.
    .DESCRIPTION
        The exec() of Path is made by the inner sh (process name sh), a child of the loop: the returned
        workload's Id is the ParentProcessId of the traced event. The loop ends when Stop-FailingExec
        creates its stop file, or by itself after MaxSeconds.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [int] $IntervalMilliseconds = 200,
        [int] $MaxSeconds = 60
    )

    $stopFile = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'bpftools-pester-stop-' + [guid]::NewGuid().ToString('N'))
    $rounds = [int][Math]::Ceiling($MaxSeconds * 1000 / $IntervalMilliseconds)
    $sleep = ($IntervalMilliseconds / 1000).ToString([System.Globalization.CultureInfo]::InvariantCulture)
    # $1 is the path to exec, $2 the stop file.
    $loop = 'i=0; while [ "$i" -lt ' + $rounds + ' ] && [ ! -e "$2" ]; do sh -c "exec $1" 2>/dev/null; sleep ' + $sleep + '; i=$((i+1)); done'

    $start = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
    foreach ($argument in @('-c', $loop, 'bpftools-failing-exec', $Path, $stopFile)) {
        $start.ArgumentList.Add($argument)
    }
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    [pscustomobject]@{ Id = $process.Id; Path = $Path; Process = $process; StopFile = $stopFile }
}

function Stop-FailingExec {
    <#
    .SYNOPSIS
        Stops a workload started by Start-FailingExec and waits for it: it finishes its round and exits,
        so no child of it is left behind; it is killed, with its children, if it does not within 5 s.
    #>
    param($Workload)

    if ($null -eq $Workload) {
        return
    }
    $process = $Workload.Process
    try {
        [System.IO.File]::WriteAllText($Workload.StopFile, '')
        if (-not $process.WaitForExit(5000)) {
            $process.Kill($true)
            [void]$process.WaitForExit(5000)
        }
    }
    catch [System.InvalidOperationException] {
        # It ended on its own in the meantime.
    }
    finally {
        $process.Dispose()
        [System.IO.File]::Delete($Workload.StopFile)
    }
}

function Get-ProcessTable {
    <#
    .SYNOPSIS
        Every process now, as Id, ParentId and Name (comm), read from /proc/*/stat; processes that end while read are skipped.
    #>
    foreach ($dir in [System.IO.Directory]::GetDirectories('/proc')) {
        $id = 0
        if (-not [int]::TryParse([System.IO.Path]::GetFileName($dir), [ref]$id)) {
            continue
        }
        try {
            # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            $stat = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($dir, 'stat'))
        }
        catch {
            continue  # The process ended while we looked.
        }
        $open = $stat.IndexOf('(')
        $close = $stat.LastIndexOf(')')
        [pscustomobject]@{
            Id       = $id
            ParentId = [int]$stat.Substring($close + 2).Split(' ')[1]
            Name     = $stat.Substring($open + 1, $close - $open - 1)
        }
    }
}

function Get-ChildToolProcess {
    <#
    .SYNOPSIS
        Tool processes (execsnoop, opensnoop, bpftrace, stdbuf, setpriv) whose parent is this PowerShell process, read from
        /proc/*/stat. With WaitSeconds, waits up to that long for them to be gone (reaping is asynchronous).
    #>
    param([double] $WaitSeconds = 0)

    $deadline = [datetime]::UtcNow.AddSeconds($WaitSeconds)
    while ($true) {
        $found = @(Get-ProcessTable | Where-Object { $_.ParentId -eq $PID -and $script:ToolProcessNames -contains $_.Name } |
                Select-Object -Property Id, Name)
        if ($found.Count -eq 0 -or [datetime]::UtcNow -ge $deadline) {
            return $found
        }
        [System.Threading.Thread]::Sleep(100)
    }
}

function New-StandInFolder {
    <#
    .SYNOPSIS
        A new empty temporary folder for stand-in tools. Remove it with Remove-StandInFolder.
    #>
    [OutputType([string])]
    param()

    [System.IO.Directory]::CreateTempSubdirectory('bpftools-pester-standin-').FullName
}

function Remove-StandInFolder {
    <#
    .SYNOPSIS
        Deletes a folder made by New-StandInFolder.
    #>
    param([string] $Folder)

    if ($Folder -and [System.IO.Directory]::Exists($Folder)) {
        [System.IO.Directory]::Delete($Folder, $true)
    }
}

function Set-StandInTool {
    <#
    .SYNOPSIS
        Writes a stand-in executable Name in Folder that prints the Stderr lines on stderr and exits with
        ExitCode before printing anything, as a tool that fails to attach does; then puts Folder on
        $env:BPFTOOLS_PATH, where BpfTools looks before PATH. The caller restores BPFTOOLS_PATH.
    #>
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [string] $Name,
        [string[]] $Stderr = @(),
        [int] $ExitCode = 1
    )

    # The lines go in a file beside the script, so no quoting of their text is needed.
    $stderrFile = [System.IO.Path]::Combine($Folder, "$Name.stderr")
    [System.IO.File]::WriteAllText($stderrFile, (@($Stderr | ForEach-Object { "$_`n" }) -join ''))

    $tool = [System.IO.Path]::Combine($Folder, $Name)
    [System.IO.File]::WriteAllText($tool, "#!/bin/sh`ncat '$stderrFile' >&2`nexit $ExitCode`n")
    [System.IO.File]::SetUnixFileMode($tool, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')

    $env:BPFTOOLS_PATH = $Folder
    $tool
}

function Get-FixturePath {
    <#
    .SYNOPSIS
        The full path of a captured or published tool output under tests/fixtures (e.g. 'captured/execsnoop-libbpf-xtUq.txt').
    #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Relative)

    [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', 'fixtures', $Relative))
}

function Set-StandInReplay {
    <#
    .SYNOPSIS
        Writes a stand-in executable Name in Folder that prints StdoutFile (a real tool's captured output), then
        goes on "tracing" until SIGINT, like the real tool; then puts Folder on $env:BPFTOOLS_PATH, where BpfTools
        looks before PATH. The caller restores BPFTOOLS_PATH.
    #>
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $StdoutFile
    )

    $tool = [System.IO.Path]::Combine($Folder, $Name)
    [System.IO.File]::WriteAllText($tool, "#!/bin/sh`ntrap 'exit 0' INT`ncat '$StdoutFile'`nwhile :; do sleep 0.1; done`n")
    [System.IO.File]::SetUnixFileMode($tool, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    $env:BPFTOOLS_PATH = $Folder
    $tool
}

function Get-DescendantProcess {
    <#
    .SYNOPSIS
        The processes below ParentId (children, their children...), read from /proc/*/stat, as Id, ParentId and Name (comm).
    #>
    param([Parameter(Mandatory)] [int] $ParentId)

    $all = @(Get-ProcessTable)
    $parents = [System.Collections.Generic.HashSet[int]]::new()
    [void]$parents.Add($ParentId)
    do {
        $added = $false
        foreach ($process in $all) {
            if ($parents.Contains($process.ParentId) -and $parents.Add($process.Id)) {
                $added = $true
                $process
            }
        }
    } while ($added)
}

function Test-IsTypeName {
    <#
    .SYNOPSIS
        True when Text reads like a .NET type name (System.String[], BpfTools.Records.X, Deserialized.X): what a
        report shows instead of a value that could not be written as text.
    #>
    [OutputType([bool])]
    param([AllowEmptyString()] [string] $Text)

    $Text -match '^(Deserialized\.)?(System|BpfTools)\.[\w.`\[\], ]+$'
}

Export-ModuleMember -Function @(
    'Get-BpfToolsManifest'
    'Test-IsRoot'
    'Test-IsUnprivileged'
    'New-MissingExecPath'
    'Start-FailingExec'
    'Stop-FailingExec'
    'Get-ChildToolProcess'
    'New-StandInFolder'
    'Remove-StandInFolder'
    'Set-StandInTool'
    'Get-FixturePath'
    'Set-StandInReplay'
    'Get-DescendantProcess'
    'Test-IsTypeName'
)
