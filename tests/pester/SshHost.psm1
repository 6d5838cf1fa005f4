# SSH hosts for the remoting tests: Debian's sshd, started by the test on a loopback address with temporary host
# and client keys and a PowerShell subsystem, stopped and removed by the test. Nothing of the machine's own ssh
# configuration (keys, authorized_keys, known_hosts, a running sshd) is read or changed.

Set-StrictMode -Version Latest

function Get-FreeTcpPort {
    <#
    .SYNOPSIS
        A TCP port nothing listens on at Address now.
    #>
    [OutputType([int])]
    param([string] $Address = '127.0.0.1')

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($Address), 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestSshHost {
    <#
    .SYNOPSIS
        Starts sshd on Address (a loopback address) and a free port, accepting root with a new client key, with
        `Subsystem powershell <pwsh> -sshs -NoLogo -NoProfile`. Returns what Invoke-Command needs (Address, Port,
        KeyFilePath, Options) and what Stop-TestSshHost needs.
    .PARAMETER Environment
        Lines of sshd's SetEnv for the sessions (NAME=value), e.g. a PSModulePath of the host's own.
    .PARAMETER ClientKey
        A private key (made by New-TestSshClientKey) to accept, so several hosts share one; by default a new one.
    #>
    param(
        [string] $Address = '127.0.0.1',
        [string[]] $Environment = @(),
        [string] $ClientKey
    )

    $folder = [System.IO.Directory]::CreateTempSubdirectory('bpftools-sshd-').FullName
    # sshd's StrictModes refuses keys in a folder others can write.
    [System.IO.File]::SetUnixFileMode($folder, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    $hostKey = Join-Path $folder 'host_ed25519'
    & ssh-keygen -q -t ed25519 -N '' -f $hostKey | Out-Null
    $clientKey = if ($ClientKey) { $ClientKey } else { New-TestSshClientKey -Folder $folder }
    Copy-Item "$clientKey.pub" (Join-Path $folder 'authorized_keys')
    [System.IO.Directory]::CreateDirectory('/run/sshd') | Out-Null  # sshd's privilege separation folder.

    $port = Get-FreeTcpPort -Address $Address
    $pwsh = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source
    $config = Join-Path $folder 'sshd_config'
    $lines = @(
        "ListenAddress ${Address}:$port"
        "HostKey $hostKey"
        "PidFile $(Join-Path $folder 'sshd.pid')"
        "AuthorizedKeysFile $(Join-Path $folder 'authorized_keys')"
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'PermitRootLogin prohibit-password'
        'UsePAM no'
        # The keys live under /tmp, whose sticky, world-writable mode StrictModes would refuse.
        'StrictModes no'
        "Subsystem powershell $pwsh -sshs -NoLogo -NoProfile"
    )
    if ($Environment) {
        $lines += 'SetEnv ' + ($Environment -join ' ')
    }
    Set-Content -Path $config -Value $lines
    & /usr/sbin/sshd -t -f $config
    if ($LASTEXITCODE -ne 0) { throw "sshd refused its configuration $config." }

    $start = [System.Diagnostics.ProcessStartInfo]::new('/usr/sbin/sshd')
    foreach ($argument in '-D', '-e', '-f', $config) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $process.BeginErrorReadLine()

    # Ready when it accepts connections.
    $deadline = [datetime]::UtcNow.AddSeconds(10)
    while ($true) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect($Address, $port); break } catch { } finally { $client.Dispose() }
        if ($process.HasExited -or [datetime]::UtcNow -gt $deadline) { throw "sshd on ${Address}:$port did not start." }
        Start-Sleep -Milliseconds 50
    }

    [pscustomobject]@{
        Address     = $Address
        Port        = $port
        KeyFilePath = $clientKey
        # The host key is new each time: neither checked nor remembered.
        Options     = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
        Process     = $process
        Folder      = $folder
    }
}

function New-TestSshClientKey {
    <#
    .SYNOPSIS
        A new passphrase-less ed25519 client key in Folder (Folder/client_ed25519 and .pub); returns its path.
    #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Folder)

    $key = Join-Path $Folder 'client_ed25519'
    & ssh-keygen -q -t ed25519 -N '' -f $key | Out-Null
    $key
}

function Stop-TestSshHost {
    <#
    .SYNOPSIS
        Stops an sshd started by Start-TestSshHost, with its sessions, and removes its keys and configuration.
    #>
    param($SshHost)

    if ($null -eq $SshHost) {
        return
    }
    try {
        if (-not $SshHost.Process.HasExited) {
            $SshHost.Process.Kill($true)
            [void]$SshHost.Process.WaitForExit(5000)
        }
    }
    finally {
        $SshHost.Process.Dispose()
        Remove-Item -Recurse -Force -Path $SshHost.Folder -ErrorAction Ignore
    }
}

Export-ModuleMember -Function 'Get-FreeTcpPort', 'Start-TestSshHost', 'Stop-TestSshHost', 'New-TestSshClientKey'
