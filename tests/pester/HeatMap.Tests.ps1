<#
.SYNOPSIS
    ConvertTo-BpfHeatMap through PowerShell: live histograms and their Import-Clixml copies, -Path, and what it
    refuses. The layout and the browser checks are in the xunit suite.
#>

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Start = [datetime]'2026-12-01T00:16:08'
    function New-Histogram([int] $Second, [string] $Unit = 'usecs') {
        $rows = [System.Collections.Generic.List[System.ValueTuple[long, long, long]]]::new()
        $rows.Add([System.ValueTuple[long, long, long]]::new(64, 127, 9))
        $rows.Add([System.ValueTuple[long, long, long]]::new(128, 255, $Second))
        [BpfTools.Records.BpfHistogram]::Create('biolatency', '', '', $Unit, $Start.AddSeconds($Second), $Start.AddSeconds($Second + 1), $rows)
    }
    $Series = 0..4 + 7..9 | ForEach-Object { New-Histogram $_ }
}

Describe 'ConvertTo-BpfHeatMap' {
    It 'draws a column per window, the same from Import-Clixml copies' {
        $svg = $Series | ConvertTo-BpfHeatMap
        @(([xml]$svg).svg.g | Where-Object id -eq 'columns' | ForEach-Object g) | Should -HaveCount 8
        $path = Join-Path $TestDrive 'series.clixml'
        $Series | Export-Clixml -Path $path
        Import-Clixml -Path $path | ConvertTo-BpfHeatMap | Should -Be $svg
    }

    It 'writes the file given by -Path and nothing to the pipeline' {
        $path = Join-Path $TestDrive 'heat.svg'
        $Series | ConvertTo-BpfHeatMap -Title 'a & b' -Path $path | Should -BeNullOrEmpty
        ([xml](Get-Content -Raw -Path $path)).svg.text | Where-Object id -eq 'title' | ForEach-Object '#text' | Should -Be 'a & b'
    }

    It 'refuses what is not a histogram, and histograms in other units' {
        $null = @($Series[0], 'text') | ConvertTo-BpfHeatMap -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'NotAHistogram,*'
        $out = @($Series[0], (New-Histogram 1 'msecs')) | ConvertTo-BpfHeatMap -ErrorVariable mixed -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $mixed[0].FullyQualifiedErrorId | Should -BeLike 'HistogramMismatch,*'
    }
}
