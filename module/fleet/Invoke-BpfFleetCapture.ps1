<#
.SYNOPSIS
    Runs one BpfTools capture on many Linux hosts over SSH, unattended, and writes one report per run.

.DESCRIPTION
    For a cron job or a systemd timer: pwsh -NonInteractive -File Invoke-BpfFleetCapture.ps1 -HostList ... .
    Each host in HostList (one a line, as ssh knows them; blank lines and # comments are skipped) runs Capture over
    PowerShell's SSH remoting (Invoke-Command -HostName), at most ThrottleLimit at a time (each in a runspace of
    its own), with the BpfTools module installed there. The run writes two files to OutputFolder, named by the run's start (UTC):

      <yyyyMMddTHHmmssZ>-<name>.csv (or .json)    every record, with Host and CaptureWindow (the run's start and
                                                  end, ISO 8601) in every row, beside the record's own properties
      <yyyyMMddTHHmmssZ>-<name>-failures.csv      one row per host that failed: Host, Reason, ErrorId, Message

    It exits with 0 when every host answered, 1 when any failed (the others' data is written in full all the same),
    and 2 when it could not run at all (no host list, no output folder).
    See about_BpfTools_Fleet for the systemd timer and the crontab line.

.PARAMETER HostList
    A file with one host name a line (ssh config aliases work: ssh reads ~/.ssh/config).

.PARAMETER OutputFolder
    Where the two files go; created if missing.

.PARAMETER Capture
    The command each host runs, with BpfTools imported first. Default: 'Get-BpfExec -Duration 60'.

.PARAMETER Name
    A word for the file names. Default: capture.

.PARAMETER ThrottleLimit
    At most this many hosts at once. Default: 32.

.PARAMETER Format
    Csv (default) or Json for the records' file.

.PARAMETER UserName
    The SSH user, when not the one ssh would choose.

.PARAMETER TimeoutSeconds
    The whole run's limit. A host still running then is stopped and reported as a failure ("No answer from
    <host> within <n> s"), so a host that hangs never holds the next timer's run. Default: 3600.

.PARAMETER ConnectTimeoutSeconds
    How long to wait for each host's SSH connection. Default: 30.

.PARAMETER KeyFilePath
    The SSH private key, when not the one ssh would choose.

.EXAMPLE
    pwsh -NonInteractive -File ./Invoke-BpfFleetCapture.ps1 -HostList /etc/bpftools/hosts -OutputFolder /var/lib/bpftools -Capture 'Get-BpfDiskLatency -Duration 60 -Interval 10'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $HostList,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [string] $Capture = 'Get-BpfExec -Duration 60',
    [ValidatePattern('^[\w-]+$')] [string] $Name = 'capture',
    [ValidateRange(1, 1000)] [int] $ThrottleLimit = 32,
    [ValidateRange(1, 86400)] [int] $TimeoutSeconds = 3600,
    [ValidateRange(1, 3600)] [int] $ConnectTimeoutSeconds = 30,
    [ValidateSet('Csv', 'Json')] [string] $Format = 'Csv',
    [string] $UserName,
    [string] $KeyFilePath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

try {
    $hosts = @(Get-Content -Path $HostList | ForEach-Object Trim | Where-Object { $_ -and -not $_.StartsWith('#') })
    if ($hosts.Count -eq 0) {
        throw "The host list $HostList names no host."
    }
    New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null
}
catch {
    [Console]::Error.WriteLine("Invoke-BpfFleetCapture: $($_.Exception.Message)")
    exit 2
}

$started = [datetime]::UtcNow
$stamp = $started.ToString('yyyyMMddTHHmmssZ', [cultureinfo]::InvariantCulture)
# On each host: BpfTools first, so a host without it says so, then the capture.
$remote = "Import-Module BpfTools -ErrorAction Stop`n$Capture"
$connection = @{ ConnectingTimeout = $ConnectTimeoutSeconds * 1000 }
if ($UserName) { $connection.UserName = $UserName }
if ($KeyFilePath) { $connection.KeyFilePath = $KeyFilePath }

# Invoke-Command -HostName has no -ThrottleLimit: each host gets a runspace of its own, at most ThrottleLimit at once.
# The run's limit is ForEach-Object's: pwsh 7.6's SSH remoting can wait forever on a connection whose ssh has
# exited (seen here on a refused connection, about one run in two), and an unattended run must end all the same.
# Each host's answer goes to a shared dictionary as it comes, so stopping the hung ones keeps the others'.
$answered = [System.Collections.Concurrent.ConcurrentDictionary[string, object]]::new()
# Where ssh would connect for a host (its config applied: `ssh -G`), tried with a plain TCP connect; returns why it
# failed, or nothing. Hosts reached through a proxy are left to ssh.
$testSshPort = {
    param([string] $HostName, [int] $TimeoutSeconds)
    $config = @{}
    foreach ($line in @(& ssh -G $HostName 2>$null)) {
        $key, $value = "$line".Split(' ', 2)
        if ($key -and -not $config.ContainsKey($key)) { $config[$key] = $value }
    }
    if (-not $config['hostname'] -or ($config['proxycommand'] -and $config['proxycommand'] -ne 'none') -or
        ($config['proxyjump'] -and $config['proxyjump'] -ne 'none')) {
        return
    }
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        if (-not $client.ConnectAsync($config['hostname'], [int]$config['port']).Wait($TimeoutSeconds * 1000)) {
            "No answer on $($config['hostname']) port $($config['port']) within $TimeoutSeconds s"
        }
    }
    catch {
        "$($config['hostname']) port $($config['port']): $($_.Exception.GetBaseException().Message)"
    }
    finally {
        $client.Dispose()
    }
}.ToString()  # a script block cannot cross into -Parallel's runspaces; its text can
$stopped = $null
try {
    $hosts | ForEach-Object -ThrottleLimit $ThrottleLimit -TimeoutSeconds $TimeoutSeconds -Parallel {
        $connection = $using:connection
        $failedRecords = $null
        $records = @()
        # pwsh 7.6.9 can crash outright (an unhandled IOException, "Broken pipe", on its SSH error thread) when ssh
        # is refused, taking every host's answer with it: a host whose SSH port refuses is not handed to remoting.
        $unreachable = & ([scriptblock]::Create($using:testSshPort)) $_ $using:ConnectTimeoutSeconds
        if ($unreachable) {
            $failedRecords = @([System.Management.Automation.ErrorRecord]::new(
                [System.Net.Sockets.SocketException]::new(), 'SshPortUnreachable', 'ConnectionError', $_))
            $failedRecords[0].ErrorDetails = [System.Management.Automation.ErrorDetails]::new($unreachable)
        }
        else {
            $records = @(Invoke-Command @connection -HostName $_ -ScriptBlock ([scriptblock]::Create($using:remote)) `
                    -ErrorAction SilentlyContinue -ErrorVariable failedRecords)
        }
        ($using:answered)[$_] = [pscustomobject]@{ Host = $_; Records = $records; Errors = @($failedRecords) }
    }
}
catch {
    # The time limit stops the pipeline; the hosts without an answer are listed below.
    $stopped = $_.Exception.Message
}
$answers = @($hosts | Where-Object { $answered.ContainsKey($_) } | ForEach-Object { $answered[$_] })
$ended = [datetime]::UtcNow
$window = $started.ToString('o', [cultureinfo]::InvariantCulture) + '/' + $ended.ToString('o', [cultureinfo]::InvariantCulture)
$records = @($answers | ForEach-Object { $_.Records })

$failed = [System.Collections.Generic.List[object]]::new()
foreach ($silent in @($hosts | Where-Object { -not $answered.ContainsKey($_) })) {
    $failed.Add([pscustomobject]@{ Host = $silent; Reason = "No answer from $silent within $TimeoutSeconds s"; ErrorId = 'Timeout'; Message = "$stopped" })
}
foreach ($answer in $answers) {
    foreach ($errorRecord in $answer.Errors) {
        $id = $errorRecord.FullyQualifiedErrorId
        $reason = switch -Wildcard ($id) {
            'Modules_ModuleNotFound*' { "BpfTools is not installed on $($answer.Host)"; break }
            'CommandNotFoundException*' { "BpfTools is not installed on $($answer.Host)"; break }
            'SshPortUnreachable*' { "Could not connect to $($answer.Host) over SSH"; break }
            'PSSessionStateBroken*' { "Could not connect to $($answer.Host) over SSH"; break }
            '*Remoting*' { "Could not connect to $($answer.Host) over SSH"; break }
            default { "The capture failed on $($answer.Host)" }
        }
        $message = if ($errorRecord.ErrorDetails) { $errorRecord.ErrorDetails.Message } else { $errorRecord.Exception.Message }
        $failed.Add([pscustomobject]@{ Host = $answer.Host; Reason = $reason; ErrorId = $id; Message = $message })
    }
}

$rows = $records | Select-Object -Property @(
    @{ Name = 'Host'; Expression = { $_.PSComputerName } }
    @{ Name = 'CaptureWindow'; Expression = { $window } }
    '*'
) -ExcludeProperty PSComputerName, RunspaceId, PSShowComputerName
$data = Join-Path $OutputFolder "$stamp-$Name.$($Format.ToLowerInvariant())"
if ($Format -eq 'Csv') {
    @($rows) | Export-Csv -Path $data -NoTypeInformation
}
else {
    ConvertTo-Json -InputObject @($rows) -Depth 4 | Set-Content -Path $data
}
$failures = Join-Path $OutputFolder "$stamp-$Name-failures.csv"
# Written even when empty: a run with no failures says so with a file of its own.
if ($failed.Count -gt 0) {
    $failed | Export-Csv -Path $failures -NoTypeInformation
}
else {
    Set-Content -Path $failures -Value '"Host","Reason","ErrorId","Message"'
}

"Invoke-BpfFleetCapture: $($records.Count) records from $(@($records | ForEach-Object PSComputerName | Sort-Object -Unique).Count) of $($hosts.Count) hosts in $data; $($failed.Count) failures in $failures."
exit ([int]($failed.Count -gt 0))
