<#
.SYNOPSIS
    Pester 5 tests of the BpfTools module as a pwsh user sees it: the built module in out/BpfTools,
    imported with Import-Module, tracing this kernel for real.

.DESCRIPTION
    Run with ./build.ps1 -Task Test, tests/Invoke-PesterSuite.ps1, or: Invoke-Pester ./tests/pester -Output Detailed

    Tests that trace need root and at least one execsnoop backend that can run here (.ci/setup installs
    libbpf-tools and bpftrace and mounts tracefs); elsewhere they are skipped, and discovery says why.
    Tests named "stand-in" put a fake execsnoop first on $env:BPFTOOLS_PATH to replay a tool's failure.
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    # What can run here decides, at discovery, which tests are skipped.
    $IsRoot = Test-IsRoot
    $IsUnprivileged = Test-IsUnprivileged
    $ExecBackends = @(Get-BpfTool -Name execsnoop)
    $CanTrace = $IsRoot -and @($ExecBackends | Where-Object CanRun).Count -gt 0
    $BackendCases = @(
        foreach ($name in 'Libbpf', 'Bpftrace') {
            $info = $ExecBackends | Where-Object { "$($_.Backend)" -eq $name }
            @{ Backend = $name; CanRun = [bool]($IsRoot -and $null -ne $info -and $info.CanRun) }
        }
    )
    $BpftraceCanRun = ($BackendCases | Where-Object { $_.Backend -eq 'Bpftrace' }).CanRun

    if (-not $IsRoot) {
        Write-Warning "Not root (id -u is $(id -u)): the tests that trace are skipped."
    }
    elseif (-not $CanTrace) {
        $why = ($ExecBackends | ForEach-Object { "$($_.Backend): $($_.Reason)" }) -join ' '
        Write-Warning "No execsnoop backend can run here, so the tests that trace are skipped. $why"
    }
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    # What libbpf-tools' execsnoop printed on a machine whose tracefs was not mounted.
    $RealAttachFailure = @(
        "libbpf: failed to determine tracepoint 'syscalls/sys_enter_execve' perf event ID: No such file or directory"
        "libbpf: prog 'tracepoint__syscalls__sys_enter_execve': failed to create tracepoint 'syscalls/sys_enter_execve' perf event: No such file or directory"
        'failed to attach BPF programs'
    )
}

AfterAll {
    Remove-Module -Name TestHelpers -ErrorAction Ignore
}

Describe 'The BpfTools module' {
    It 'exports exactly the cmdlets its manifest lists, Get-BpfExec and Get-BpfTool among them, and nothing else' {
        # The manifest is the list users see: compare with it, so a new cmdlet is one line there, not here too.
        $source = Import-PowerShellDataFile -Path ([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'BpfTools.psd1'))
        $module = Get-Module -Name BpfTools
        $exported = @($module.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($source.CmdletsToExport | Sort-Object)
        $exported | Should -Contain 'Get-BpfExec'
        $exported | Should -Contain 'Get-BpfTool'
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'has the ModuleVersion of the manifest in the repository' {
        $source = Import-PowerShellDataFile -Path ([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'BpfTools.psd1'))
        (Get-Module -Name BpfTools).Version | Should -Be ([version]$source.ModuleVersion)
    }
}

Describe 'Get-BpfTool' {
    It 'lists execsnoop with the Libbpf, Bcc and Bpftrace backends, in that order' {
        $tools = @(Get-BpfTool -Name execsnoop)
        @($tools | ForEach-Object { $_.Backend.ToString() }) | Should -Be @('Libbpf', 'Bcc', 'Bpftrace')
        @($tools | ForEach-Object Preference) | Should -Be @(1, 2, 3)
        foreach ($tool in $tools) {
            $tool | Should -BeOfType ([BpfTools.Records.BpfToolInfo])
            $tool.Tool | Should -Be 'execsnoop'
            $tool.Cmdlet | Should -Be 'Get-BpfExec'
        }
    }

    It 'says for each backend of each tool where it is, or why it cannot run' {
        foreach ($tool in Get-BpfTool) {
            if ($tool.Installed) {
                $tool.Path | Should -Not -BeNullOrEmpty -Because "$($tool.Backend) is installed"
            }
            else {
                $tool.Path | Should -Be ''
                $tool.CanRun | Should -BeFalse
                $tool.ReasonId | Should -Be 'ToolNotInstalled'
            }
            if ($tool.CanRun) {
                $tool.Reason | Should -Be ''
                $tool.ReasonId | Should -Be ''
            }
            else {
                $tool.Reason | Should -Not -BeNullOrEmpty -Because "$($tool.Backend) cannot run"
                $tool.ReasonId | Should -Not -BeNullOrEmpty
            }
        }
    }

    It 'reports the version of an installed bpftrace with -IncludeVersion' {
        $bpftrace = Get-BpfTool -Name execsnoop -IncludeVersion | Where-Object { "$($_.Backend)" -eq 'Bpftrace' }
        if (-not $bpftrace.Installed) {
            Set-ItResult -Skipped -Because 'bpftrace is not installed'
        }
        $bpftrace.Version | Should -BeLike 'bpftrace v*'
    }

    It 'finds tools by cmdlet name with wildcards; an unknown name gives nothing and a ToolNotFound error' {
        @(Get-BpfTool -Name 'Get-BpfEx*') | Should -HaveCount 3
        @(Get-BpfTool -Name 'nosuch*') | Should -HaveCount 0
        $found = @(Get-BpfTool -Name 'nosuchtool' -ErrorAction SilentlyContinue -ErrorVariable notFound)
        $found | Should -HaveCount 0
        $notFound | Should -HaveCount 1
        $notFound[0].FullyQualifiedErrorId | Should -Be 'ToolNotFound,BpfTools.Commands.GetBpfToolCommand'
        "$($notFound[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

}

Describe 'Get-BpfExec without privileges' {
    It 'says NotPrivileged and how to fix it' -Skip:(-not $IsUnprivileged) {
        $caught = $null
        try {
            Get-BpfExec -Duration 1 -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty -Because 'tracing without root must fail'
        $caught.FullyQualifiedErrorId | Should -Be 'NotPrivileged,BpfTools.Commands.GetBpfExecCommand'
        "$($caught.CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*root*'
    }
}

Describe 'Get-BpfExec tracing this kernel' -Tag 'Tracing' {
    It 'Get-BpfExec -Duration 3 | Where-Object Ret -ne 0 finds a failed exec with typed properties' -Skip:(-not $CanTrace) {
        $path = New-MissingExecPath
        $workload = Start-FailingExec -Path $path
        try {
            $failed = @(Get-BpfExec -Duration 3 | Where-Object Ret -ne 0)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $failed | ForEach-Object { $_.Ret | Should -Not -Be 0 }
        $mine = @($failed | Where-Object { $_.Arguments[0] -eq $path })
        $mine.Count | Should -BeGreaterThan 0 -Because "sh -c 'exec $path' ran every 200 ms while tracing"

        $traced = $mine[0]
        $traced | Should -BeOfType ([BpfTools.Records.ExecEvent])
        $traced.Ret | Should -BeOfType ([int])
        $traced.Ret | Should -Be -2
        $traced.Error | Should -Be 'ENOENT'
        $traced.Timestamp | Should -BeOfType ([datetime])
        $traced.Timestamp | Should -BeGreaterThan (Get-Date).AddMinutes(-1)
        $traced.Timestamp | Should -BeLessOrEqual (Get-Date).AddSeconds(1)
        $traced.ProcessId | Should -BeOfType ([int])
        $traced.ProcessId | Should -BeGreaterThan 0
        $traced.ParentProcessId | Should -Be $workload.Id
        $traced.ProcessName | Should -Be 'sh'
        $traced.Uid | Should -Be 0
        , $traced.Arguments | Should -BeOfType ([System.Collections.Generic.IReadOnlyList[string]])
        $traced.Arguments[0] | Should -Be $path
        $traced.CommandLine | Should -Be $path
        $traced.Truncated | Should -BeFalse

        $left = @(Get-ChildToolProcess -WaitSeconds 3)
        $left | Should -HaveCount 0 -Because "no tool may outlive -Duration: $($left | ForEach-Object { "$($_.Name) ($($_.Id))" })"
    }

    It 'Get-BpfExec | Select-Object -First 1 returns one event and leaves no tool process behind' -Skip:(-not $CanTrace) {
        $workload = Start-FailingExec -Path (New-MissingExecPath)
        try {
            $first = @(Get-BpfExec | Select-Object -First 1)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $first | Should -HaveCount 1
        $first[0] | Should -BeOfType ([BpfTools.Records.ExecEvent])
        $left = @(Get-ChildToolProcess -WaitSeconds 3)
        $left | Should -HaveCount 0 -Because "Select-Object -First must stop the tool: $($left | ForEach-Object { "$($_.Name) ($($_.Id))" })"
    }

    It 'Get-BpfExec -MaxEvents 2 returns exactly 2 events and ends' -Skip:(-not $CanTrace) {
        $workload = Start-FailingExec -Path (New-MissingExecPath) -IntervalMilliseconds 50
        try {
            $events = @(Get-BpfExec -MaxEvents 2)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $events | Should -HaveCount 2
        $events | ForEach-Object { $_ | Should -BeOfType ([BpfTools.Records.ExecEvent]) }
        $left = @(Get-ChildToolProcess -WaitSeconds 3)
        $left | Should -HaveCount 0 -Because "-MaxEvents must stop the tool: $($left | ForEach-Object { "$($_.Name) ($($_.Id))" })"
    }

    It 'Get-BpfExec -Name sh keeps only processes whose name contains sh' -Skip:(-not $CanTrace) {
        $workload = Start-FailingExec -Path (New-MissingExecPath)
        try {
            $events = @(Get-BpfExec -Duration 3 -Name sh)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $events.Count | Should -BeGreaterThan 0
        $events | ForEach-Object { $_.ProcessName | Should -BeLikeExactly '*sh*' }
    }

    It 'keeps CommandLine and Ret through Export-Csv and Import-Csv' -Skip:(-not $CanTrace) {
        $path = New-MissingExecPath
        $workload = Start-FailingExec -Path $path
        try {
            $events = @(Get-BpfExec -Duration 3 | Where-Object CommandLine -eq $path)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }
        $events.Count | Should -BeGreaterThan 0

        $csv = [System.IO.Path]::Combine($TestDrive, 'events.csv')
        $events | Export-Csv -Path $csv
        $back = @(Import-Csv -Path $csv)

        $back | Should -HaveCount $events.Count
        $back[0].CommandLine | Should -Be $path
        $back[0].Ret | Should -Be '-2'
        [int]$back[0].Ret | Should -Be $events[0].Ret
        $back[0].Error | Should -Be 'ENOENT'
    }

    Context 'with each backend' {
        # One test per backend, each skipped on its own when that backend cannot run here.
        foreach ($case in $BackendCases) {
            It 'Get-BpfExec -Backend <Backend> traces the failed exec with typed properties' -TestCases @($case) -Skip:(-not $case.CanRun) {
                $path = New-MissingExecPath
                $workload = Start-FailingExec -Path $path
                try {
                    # bpftrace compiles its program first: -Duration counts from the moment the probes are attached.
                    $failed = @(Get-BpfExec -Duration 4 -Backend $Backend | Where-Object Ret -ne 0)
                }
                finally {
                    Stop-FailingExec -Workload $workload
                }

                $traced = $failed | Where-Object { $_.Arguments[0] -eq $path } | Select-Object -First 1
                $traced | Should -Not -BeNullOrEmpty -Because "the $Backend backend should see sh -c 'exec $path'"
                $traced | Should -BeOfType ([BpfTools.Records.ExecEvent])
                $traced.Ret | Should -BeOfType ([int])
                $traced.Ret | Should -Be -2
                $traced.Error | Should -Be 'ENOENT'
                $traced.Timestamp | Should -BeOfType ([datetime])
                $traced.ProcessId | Should -BeOfType ([int])
                $traced.ProcessName | Should -Be 'sh'
                $traced.CommandLine | Should -Be $path
                @(Get-ChildToolProcess -WaitSeconds 3) | Should -HaveCount 0
            }
        }
    }
}

Describe 'Get-BpfExec with a stand-in execsnoop' -Tag 'StandIn' {
    BeforeAll {
        $SavedToolsPath = $env:BPFTOOLS_PATH
        $StandInFolder = New-StandInFolder
    }

    AfterEach {
        $env:BPFTOOLS_PATH = $SavedToolsPath
    }

    AfterAll {
        $env:BPFTOOLS_PATH = $SavedToolsPath
        Remove-StandInFolder -Folder $StandInFolder
    }

    It 'stand-in execsnoop that fails to attach gives AttachFailed with the tool''s words (-Backend Libbpf)' -Skip:(-not $IsRoot) {
        Set-StandInTool -Folder $StandInFolder -Name execsnoop -Stderr $RealAttachFailure -ExitCode 1 | Out-Null
        $libbpf = Get-BpfTool -Name execsnoop | Where-Object { "$($_.Backend)" -eq 'Libbpf' }
        $libbpf.Path | Should -Be ([System.IO.Path]::Combine($StandInFolder, 'execsnoop'))
        if (-not $libbpf.CanRun) {
            Set-ItResult -Skipped -Because "the Libbpf backend cannot run on this host even with a stand-in: $($libbpf.Reason)"
        }

        $caught = $null
        try {
            Get-BpfExec -Duration 2 -Backend Libbpf -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty -Because 'the stand-in exits 1 before printing anything'
        $caught.FullyQualifiedErrorId | Should -Be 'AttachFailed,BpfTools.Commands.GetBpfExecCommand'
        "$($caught.CategoryInfo.Category)" | Should -Be 'NotEnabled'
        "$($caught.TargetObject)" | Should -Be 'execsnoop'
        $caught.Exception.Message | Should -BeLike '*failed to attach BPF programs*'
        $caught.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-ChildToolProcess -WaitSeconds 2) | Should -HaveCount 0
    }

    It 'stand-in execsnoop refused by the kernel gives AttachPermissionDenied (-Backend Libbpf)' -Skip:(-not $IsRoot) {
        $refused = @(
            'libbpf: Error in bpf_object__probe_loading():Operation not permitted(1).'
            'failed to load BPF object: -1'
        )
        Set-StandInTool -Folder $StandInFolder -Name execsnoop -Stderr $refused -ExitCode 1 | Out-Null
        $libbpf = Get-BpfTool -Name execsnoop | Where-Object { "$($_.Backend)" -eq 'Libbpf' }
        if (-not $libbpf.CanRun) {
            Set-ItResult -Skipped -Because "the Libbpf backend cannot run on this host even with a stand-in: $($libbpf.Reason)"
        }

        { Get-BpfExec -Duration 2 -Backend Libbpf } |
            Should -Throw -ErrorId 'AttachPermissionDenied,BpfTools.Commands.GetBpfExecCommand'
    }

    It 'with a stand-in libbpf execsnoop that fails to attach, Auto falls back to Bpftrace and says so' -Skip:(-not $BpftraceCanRun) {
        Set-StandInTool -Folder $StandInFolder -Name execsnoop -Stderr $RealAttachFailure -ExitCode 1 | Out-Null
        $libbpf = Get-BpfTool -Name execsnoop | Where-Object { "$($_.Backend)" -eq 'Libbpf' }
        if (-not $libbpf.CanRun) {
            Set-ItResult -Skipped -Because "the Libbpf backend cannot run on this host even with a stand-in: $($libbpf.Reason)"
        }

        $path = New-MissingExecPath
        $workload = Start-FailingExec -Path $path
        try {
            # 4>&1 merges the verbose stream into the output, to read what Get-BpfExec said.
            $all = @(Get-BpfExec -Duration 4 -Verbose 4>&1)
        }
        finally {
            Stop-FailingExec -Workload $workload
        }

        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $events = @($all | Where-Object { $_ -is [BpfTools.Records.ExecEvent] })
        @($verbose | Where-Object { $_ -like '*Libbpf backend failed to start*' -and $_ -like '*falling back to Bpftrace*' }) |
            Should -HaveCount 1 -Because "verbose said: $($verbose -join ' | ')"
        @($events | Where-Object CommandLine -eq $path).Count | Should -BeGreaterThan 0
        @(Get-ChildToolProcess -WaitSeconds 3) | Should -HaveCount 0
    }
}
