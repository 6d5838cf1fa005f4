<#
.SYNOPSIS
    Tracing as a user who is not root, through the rule Get-BpfSudoersRule writes (issue 14), for real: a user made
    by the test, the built module copied into a root-owned folder, the rule in /etc/sudoers.d, and pwsh run as that user.

.DESCRIPTION
    Needs root (useradd, /etc/sudoers.d), sudo and visudo, and an execsnoop backend that can run here. pwsh for the
    user is the PowerShell dotnet tool installed once into /opt/bpftools-tests (root's own pwsh is under /root,
    mode 700). Everything the test makes (users, sudoers file, folders) is removed in AfterAll, however the tests end.
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Needs = @(
        if (-not (Test-IsRoot)) { 'root' }
        foreach ($tool in 'sudo', 'visudo', 'useradd', 'runuser') { if (-not (Get-Command $tool -ErrorAction Ignore)) { $tool } }
        if (-not (Get-BpfTool -Name execsnoop | Where-Object CanRun)) { 'an execsnoop backend that runs here' }
    )
    $Skip = $Needs.Count -gt 0
    if ($Skip) {
        Write-Warning "The sudo tests are skipped: they need $($Needs -join ', ')."
    }
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Made = [System.Collections.Generic.List[string]]::new()

    function Invoke-AsUser {
        # pwsh as $User, with the copied module imported; returns its output lines and exit code.
        param([string] $User, [string] $Script)
        $command = "Import-Module '$script:Module/BpfTools.psd1'; $Script"
        $output = & runuser -u $User -- $script:UserPwsh -NoProfile -NonInteractive -Command $command 2>&1
        [pscustomobject]@{ Output = @($output | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE }
    }

    function New-TestUser {
        $name = 'bpfsudo' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        & useradd --no-create-home --shell /usr/sbin/nologin $name
        if ($LASTEXITCODE -ne 0) { throw "useradd $name failed" }
        $script:Made.Add("user:$name")
        $name
    }

    if ((& id -u) -ne '0') { return }
    $repo = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    # pwsh that any user can run: the same version as this one, as a dotnet tool in a root-owned 755 folder outside
    # the checkout (a CI checkout may sit in a folder only root can enter, such as mktemp -d's), kept for later runs.
    $tools = "/opt/bpftools-tests/pwsh-$($PSVersionTable.PSVersion)"
    $script:UserPwsh = [System.IO.Path]::Combine($tools, 'pwsh')
    if (-not (Test-Path $script:UserPwsh)) {
        & dotnet tool install PowerShell --version $PSVersionTable.PSVersion.ToString() --tool-path $tools | Out-Null
    }
    & chmod 755 /opt/bpftools-tests $tools
    # The module where only root can write, as the rule demands.
    $script:Root = "/opt/bpftools-sudo-test-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $script:Made.Add("dir:$script:Root")
    $script:Module = "$script:Root/BpfTools"
    New-Item -ItemType Directory -Path $script:Module -Force | Out-Null
    Copy-Item -Path ([System.IO.Path]::Combine($repo, 'out', 'BpfTools', '*')) -Destination $script:Module -Recurse
    & chown -R root:root $script:Root
    & chmod -R go-w $script:Root
    & chmod 755 $script:Root

    $script:User = New-TestUser
    $script:Bare = New-TestUser
    $script:Rule = & pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:Module/BpfTools.psd1'; Get-BpfSudoersRule -User $script:User -Name execsnoop, opensnoop"
    $script:RuleFile = "/etc/sudoers.d/bpftools-test-$script:User"
    $draft = [System.IO.Path]::GetTempFileName()
    try {
        [System.IO.File]::WriteAllText($draft, ($script:Rule -join "`n") + "`n")
        $script:Visudo = & visudo -c -f $draft 2>&1
        $script:VisudoExit = $LASTEXITCODE
        if ($script:VisudoExit -eq 0) {
            $script:Made.Add("file:$script:RuleFile")
            & install -m 440 -o root -g root $draft $script:RuleFile
        }
    }
    finally {
        Remove-Item $draft -Force
    }
}

AfterAll {
    foreach ($item in $script:Made) {
        $kind, $what = $item -split ':', 2
        switch ($kind) {
            'file' { Remove-Item -LiteralPath $what -Force -ErrorAction Ignore }
            'dir' { Remove-Item -LiteralPath $what -Recurse -Force -ErrorAction Ignore }
            'user' {
                # Its processes first (this test's own user: nothing else runs as it), then the user.
                foreach ($id in @(& pgrep -u $what)) { & kill -9 $id 2>$null }
                & userdel $what 2>$null
            }
        }
    }
}

Describe 'Tracing through sudo as a user who is not root' -Skip:$Skip {
    It 'Get-BpfSudoersRule writes a rule that visudo accepts, with the guard before each tool and no free bpftrace' {
        $script:VisudoExit | Should -Be 0 -Because ($script:Visudo -join ' ')
        $commands = @($script:Rule | Where-Object { $_ -match '^    /' })
        $commands | Should -Not -BeNullOrEmpty
        foreach ($line in $commands) {
            $line | Should -Match "^    $([regex]::Escape("$script:Module/libexec/bpftools-sudo-guard")) /usr/s?bin/"
            $line | Should -Not -Match ' -e '
        }
        @($script:Rule | Where-Object { $_ })[-1] | Should -Match "^$script:User ALL=\(root\) NOPASSWD: BPFTOOLS_"
    }

    It 'Get-BpfExec -Duration 5 run by the user shows a failed exec, and no root process survives the run' {
        $path = New-MissingExecPath
        $workload = Start-FailingExec -Path $path
        try {
            $run = Invoke-AsUser -User $script:User -Script "Get-BpfExec -Duration 5 | Where-Object Ret -ne 0 | ForEach-Object { 'exec ' + `$_.Arguments }"
        }
        finally {
            Stop-FailingExec $workload
        }
        $run.Output | Should -Contain "exec $path" -Because ($run.Output -join "`n")
        @(& pgrep -f "$script:Module/libexec") | Should -BeNullOrEmpty
    }

    It 'Get-BpfOpen run by the user shows a failed open' {
        $path = New-MissingExecPath
        # Start-Process would join the arguments into one line and lose the script's quoting.
        $start = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($a in '-c', 'i=0; while [ "$i" -lt 60 ]; do cat "$1" 2>/dev/null; sleep 0.2; i=$((i+1)); done', 'bpftools-failing-open', $path) {
            $start.ArgumentList.Add($a)
        }
        $workload = [System.Diagnostics.Process]::Start($start)
        try {
            $run = Invoke-AsUser -User $script:User -Script "Get-BpfOpen -Duration 4 | Where-Object Path -eq '$path' | ForEach-Object { 'open ' + `$_.Errno }"
        }
        finally {
            $workload.Kill()
            $workload.WaitForExit()
            $workload.Dispose()
        }
        $run.Output | Should -Contain 'open 2' -Because ($run.Output -join "`n")
    }

    It 'a user without the rule gets NotPrivileged, whose fix names Get-BpfSudoersRule' {
        $run = Invoke-AsUser -User $script:Bare -Script "try { Get-BpfExec -Duration 1 } catch { `$_.FullyQualifiedErrorId; `$_.ErrorDetails.RecommendedAction }"
        $run.Output[0] | Should -Be 'NotPrivileged,BpfTools.Commands.GetBpfExecCommand' -Because ($run.Output -join "`n")
        $run.Output[1] | Should -Match 'Get-BpfSudoersRule'
    }

    It 'Get-BpfTool run by the user says which backends the rule lets run, and why the others cannot' {
        $script = "Get-BpfTool -Name execsnoop, biolatency | ForEach-Object { '{0} {1} {2} {3}' -f `$_.Tool, `$_.Backend, `$_.CanRun, `$_.ReasonId }"
        $run = Invoke-AsUser -User $script:User -Script $script
        $run.Output | Should -Contain 'execsnoop Libbpf True ' -Because ($run.Output -join "`n")
        $run.Output | Should -Contain 'biolatency Libbpf False NotPrivileged' -Because ($run.Output -join "`n")
        $bare = Invoke-AsUser -User $script:Bare -Script $script
        $bare.Output | Should -Contain 'execsnoop Libbpf False NotPrivileged' -Because ($bare.Output -join "`n")
    }

    It 'kill -9 of the user''s pwsh leaves no root tool and no sudo behind' {
        $start = [System.Diagnostics.ProcessStartInfo]::new('runuser')
        foreach ($a in '-u', $script:User, '--', $script:UserPwsh, '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$script:Module/BpfTools.psd1'; Get-BpfExec | Out-Null") {
            $start.ArgumentList.Add($a)
        }
        $start.RedirectStandardOutput = $true
        $user = [System.Diagnostics.Process]::Start($start)
        try {
            # Wait for the tool: the guard's timeout and the tool under it.
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            $guard = $null
            while ($null -eq $guard -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 200
                $guard = @(& pgrep -u root -f "^/bin/sh $script:Module/libexec/bpftools-sudo-guard")[0]
            }
            $guard | Should -Not -BeNullOrEmpty
            Start-Sleep -Seconds 1
            $timeout = @(& pgrep -P $guard -x timeout)[0]
            $tool = @(& pgrep -P $timeout)[0]
            $sudo = @(& pgrep -u root -f "^/usr/bin/sudo -n -- $script:Module/")[0]
            $tool | Should -Not -BeNullOrEmpty
            # PowerShell itself: the dotnet process that runs pwsh.dll as the user (the tool shim is its parent).
            foreach ($id in @(& pgrep -u $script:User -f 'pwsh.dll')) { & kill -9 $id }
            $deadline = [DateTime]::UtcNow.AddSeconds(8)
            do {
                Start-Sleep -Milliseconds 200
                $left = @($tool, $timeout, $guard, $sudo | Where-Object { $_ -and (Test-Path "/proc/$_") })
            } while ($left.Count -gt 0 -and [DateTime]::UtcNow -lt $deadline)
            $left | Should -BeNullOrEmpty
        }
        finally {
            if (-not $user.HasExited) { $user.Kill($true) }
            $user.Dispose()
        }
    }

    It 'refuses a rule for a module folder the user can write' {
        $writable = "$script:Root-writable"
        $script:Made.Add("dir:$writable")
        New-Item -ItemType Directory -Path $writable | Out-Null
        Copy-Item -Path "$script:Module/*" -Destination $writable -Recurse
        & chown -R "$($script:User):" $writable
        $said = & pwsh -NoProfile -NonInteractive -Command "Import-Module '$writable/BpfTools.psd1'; try { Get-BpfSudoersRule -User $script:User } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $said[0] | Should -Be 'SudoersRuleUnsafe,BpfTools.Commands.GetBpfSudoersRuleCommand' -Because ($said -join "`n")
        $said[1] | Should -Match "$([regex]::Escape($writable)) is not root's alone \(it is owned by uid"
    }
}
