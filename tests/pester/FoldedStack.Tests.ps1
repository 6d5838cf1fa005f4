<#
.SYNOPSIS
    ConvertTo-BpfFoldedStack on off-CPU stacks and on their copies as users make them (Export-Csv, ConvertTo-Json,
    Export-Clixml): the count of each line is the microseconds blocked.
#>

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Start = [datetime]'2026-11-30T23:54:30'
    $Samples = @(
        [BpfTools.Records.OffCpuStackSample]::Create('off with space', 0, 14902, 1956921,
            [string[]]@('__schedule', 'schedule', 'anon_pipe_read'), [string[]]@('read', '[unknown]'), $Start, $Start.AddSeconds(2))
        [BpfTools.Records.OffCpuStackSample]::Create('kworker/0:2', 0, 55, 12,
            [string[]]@('__schedule', 'worker_thread'), [string[]]@(), $Start, $Start.AddSeconds(2))
    )
    $Expected = @(
        'off with space;[unknown];read;anon_pipe_read;schedule;__schedule 1956921'
        'kworker/0:2;worker_thread;__schedule 12'
    )
}

Describe 'ConvertTo-BpfFoldedStack with off-CPU stacks' {
    It 'folds an OffCpuStackSample with its blocked microseconds as the count' {
        $Samples | ConvertTo-BpfFoldedStack | Should -Be $Expected
    }

    It 'folds a copy read back with Import-Clixml' {
        $path = Join-Path $TestDrive 'off.clixml'
        $Samples | Export-Clixml -Path $path
        Import-Clixml -Path $path | ConvertTo-BpfFoldedStack | Should -Be $Expected
    }

    It 'takes the blocked time of a copy read back with ConvertFrom-Json' {
        $copies = $Samples | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $copies | ConvertTo-BpfFoldedStack | Should -Be $Expected
    }

    It 'takes the blocked time of a copy read back with Import-Csv, whose stacks are text' {
        # A stack is one column "leaf <- caller": folded as one frame, but the count is still the microseconds.
        $copies = $Samples | ConvertTo-Csv | ConvertFrom-Csv
        $copies | ConvertTo-BpfFoldedStack | ForEach-Object { ($_ -split ' ')[-1] } | Should -Be '1956921', '12'
    }

    It 'refuses an object with neither a Count nor a BlockedTime' {
        $out = [pscustomobject]@{ ProcessName = 'x'; BlockedTime = 'soon' } | ConvertTo-BpfFoldedStack -ErrorVariable failed -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'NotAStackSample,*'
    }
}
