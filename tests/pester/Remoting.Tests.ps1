<#
.SYNOPSIS
    SSH remoting to this host, as an admin fans out to a fleet: sshd started by the test on loopback, then
    Invoke-Command -HostName brings back events (with PSComputerName and a readable table) and histograms that
    Merge-BpfHistogram merges. Traces this kernel for real (root).
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $CanRun = (Test-IsRoot) -and (Test-Path /usr/sbin/sshd)
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'SshHost.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Manifest = Get-BpfToolsManifest
    $CanRun = (Test-IsRoot) -and (Test-Path /usr/sbin/sshd)  # Discovery's variables do not reach the run.
    if ($CanRun) {
        $SshHost = Start-TestSshHost -Address 127.0.0.1
        $Remote = @{
            HostName    = $SshHost.Address
            Port        = $SshHost.Port
            UserName    = 'root'
            KeyFilePath = $SshHost.KeyFilePath
            Options     = $SshHost.Options
        }
    }
}

AfterAll {
    if ($CanRun) { Stop-TestSshHost -SshHost $SshHost }
}

Describe 'Invoke-Command -HostName over SSH' -Tag 'Tracing', 'Remoting' -Skip:(-not $CanRun) {
    It 'brings back failed execs traced on the remote host, typed, with PSComputerName and the table view' {
        $path = New-MissingExecPath
        $workload = Start-FailingExec -Path $path
        try {
            $events = @(Invoke-Command @Remote -ArgumentList $Manifest -ScriptBlock {
                    param($Manifest)
                    Import-Module $Manifest
                    Get-BpfExec -Duration 3 | Where-Object Ret -ne 0
                })
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $mine = @($events | Where-Object { $_.Arguments[0] -eq $path })
        $mine.Count | Should -BeGreaterThan 0
        $mine[0].PSComputerName | Should -Be $SshHost.Address
        $mine[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.BpfTools.Records.ExecEvent'
        $mine[0].Ret | Should -Be -2
        $mine[0].Timestamp | Should -BeOfType ([datetime])
        $mine[0].Time | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}'

        $table = $mine | Select-Object -First 3 | Out-String -Width 200
        $table | Should -Match '(?m)^TIME\s+UID\s+PCOMM\s+PID\s+PPID\s+RET\s+ERRNO\s+ARGS'
        $table | Should -Match "ENOENT\s+$([regex]::Escape($path))"

        $csv = [System.IO.Path]::Combine($TestDrive, 'remote.csv')
        $mine | Export-Csv -Path $csv
        $back = @(Import-Csv -Path $csv)
        $back[0].PSComputerName | Should -Be $SshHost.Address
        $back[0].Arguments | Should -Be $path
        @($back | ForEach-Object { $_.PSObject.Properties.Value } | Where-Object { Test-IsTypeName $_ }) | Should -BeNullOrEmpty
    }

    It 'merges with Merge-BpfHistogram the histograms of two remote calls' {
        $runs = foreach ($i in 1, 2) {
            , @(Invoke-Command @Remote -ArgumentList $Manifest -ScriptBlock {
                    param($Manifest)
                    Import-Module $Manifest
                    Get-BpfRunQueueLatency -Duration 2
                })
        }
        foreach ($run in $runs) {
            $run | Should -HaveCount 1
            $run[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.BpfTools.Records.BpfHistogram'
            $run[0].Count | Should -BeGreaterThan 0 -Because 'a host always schedules something in 2 s'
        }

        $merged = @($runs[0] + $runs[1] | Merge-BpfHistogram)
        $merged | Should -HaveCount 1
        $merged[0].Count | Should -Be ($runs[0][0].Count + $runs[1][0].Count)
        $merged[0].Start | Should -Be (@($runs[0][0].Start, $runs[1][0].Start) | Sort-Object | Select-Object -First 1)
        for ($i = 0; $i -lt $merged[0].Buckets.Count; $i++) {
            $expected = 0
            foreach ($run in $runs) {
                $expected += @($run[0].Buckets | Where-Object Low -eq $merged[0].Buckets[$i].Low | ForEach-Object Count) | Measure-Object -Sum | ForEach-Object Sum
            }
            $merged[0].Buckets[$i].Count | Should -Be $expected
        }
    }
}
