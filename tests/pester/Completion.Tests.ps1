<#
.SYNOPSIS
    Tab completion where a user expects it: -ProcessId offers running processes (by id or name, listed with their
    names), process-name parameters offer running names, -Disk the block devices, Get-BpfTool the tools,
    -ErrorName the errno names.
#>

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    # A process with a name of its own: a copy of sleep, so its comm is the copy's file name.
    $Name = 'bpfcomp' + (Get-Random -Minimum 100000 -Maximum 999999)
    $Binary = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), $Name)
    Copy-Item -Path /bin/sleep -Destination $Binary
    $Sleeper = Start-Process -FilePath $Binary -ArgumentList 60 -PassThru

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    $Sleeper | Stop-Process -ErrorAction Ignore
    $Sleeper.WaitForExit()
    Remove-Item -Path $Binary -ErrorAction Ignore
}

Describe 'Tab completion' {
    It '-ProcessId <Cmdlet> completes a running process by the start of its name, to its id, listed as "id name"' -ForEach @(
        @{ Cmdlet = 'Get-BpfOpen' }, @{ Cmdlet = 'Get-BpfTcpSession' }, @{ Cmdlet = 'Get-BpfCpuProfile' }
        @{ Cmdlet = 'Get-BpfRunQueueLatency' }, @{ Cmdlet = 'Get-BpfSlowFileOperation' }, @{ Cmdlet = 'Get-BpfSyscall' }
        @{ Cmdlet = 'Get-BpfCpuTimeDistribution' }, @{ Cmdlet = 'Get-BpfOffCpuTime' }
    ) {
        $found = @(Get-Completion "$Cmdlet -ProcessId $($Name.Substring(0, 9))")
        $found | Should -HaveCount 1
        $found[0].CompletionText | Should -Be "$($Sleeper.Id)"
        $found[0].ListItemText | Should -Be "$($Sleeper.Id) $Name"
        $found[0].ResultType | Should -Be 'ParameterValue'
    }

    It '-ProcessId completes by the start of the id' {
        $id = "$($Sleeper.Id)"
        $texts = @(Get-Completion "Get-BpfOpen -ProcessId $id" | ForEach-Object CompletionText)
        $texts | Should -Contain $id
        $texts | ForEach-Object { $_ | Should -BeLike "$id*" }
    }

    It '-Name of <Cmdlet> completes running process names' -ForEach @(@{ Cmdlet = 'Get-BpfExec' }, @{ Cmdlet = 'Get-BpfOpen' }) {
        @(Get-Completion "$Cmdlet -Name $($Name.Substring(0, 9))" | ForEach-Object CompletionText) | Should -Be @($Name)
    }

    It 'Get-BpfTool completes tool names' {
        @(Get-Completion 'Get-BpfTool exec' | ForEach-Object CompletionText) | Should -Contain 'execsnoop'
    }

    It 'Get-BpfSudoersRule -Name completes tool names' {
        @(Get-Completion 'Get-BpfSudoersRule -User alice -Name exec' | ForEach-Object CompletionText) | Should -Contain 'execsnoop'
    }

    It 'Get-BpfSignal -Signal completes signal names with or without SIG, quoting the real-time ones' {
        @(Get-Completion 'Get-BpfSignal -Signal usr' | ForEach-Object CompletionText) | Should -Be @('SIGUSR1', 'SIGUSR2')
        @(Get-Completion 'Get-BpfSignal -Signal sigrtmin+1' | ForEach-Object CompletionText) | Should -Contain "'SIGRTMIN+1'"
        { Get-BpfSignal -Signal SIGNOPE -Duration 1 } | Should -Throw '*not a signal name*'
    }

    It 'Get-BpfSyscall -ErrorName completes errno names by their start, in any case' {
        @(Get-Completion 'Get-BpfSyscall -ErrorName enoe' | ForEach-Object CompletionText) | Should -Be @('ENOENT', 'ENOEXEC')
        @(Get-Completion 'Get-BpfSyscall -ErrorName EA' | ForEach-Object CompletionText) | Should -Be @('EAGAIN', 'EACCES', 'EAFNOSUPPORT', 'EADDRINUSE', 'EADDRNOTAVAIL')
    }

    It '-Disk completes the block devices' {
        $disks = @([System.IO.Directory]::GetDirectories('/sys/block') | ForEach-Object { [System.IO.Path]::GetFileName($_) } | Sort-Object)
        @(Get-Completion 'Get-BpfDiskLatency -Disk ' | ForEach-Object CompletionText) | Should -Be $disks
    }
}
