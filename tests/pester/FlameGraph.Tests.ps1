<#
.SYNOPSIS
    ConvertTo-BpfFlameGraph through PowerShell: samples and their copies (Clixml, JSON), folded lines, -Path,
    -ReferenceObject, and what it refuses. The layout and the browser checks are in the xunit suite.
#>

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Start = [datetime]'2026-11-30T23:54:30'
    $Samples = @(
        [BpfTools.Records.CpuStackSample]::Create('burn <&>', 0, 7, [string[]]@('__schedule', 'schedule'), [string[]]@('hot_leaf', 'main'), $Start, $Start.AddSeconds(2))
        [BpfTools.Records.CpuStackSample]::Create('burn <&>', 0, 3, [string[]]@(), [string[]]@('cold_leaf', 'main'), $Start, $Start.AddSeconds(2))
    )
    function Get-Frame([string] $Svg) {
        $doc = [xml]$Svg
        $doc.svg.g | Where-Object id -eq 'frames' | ForEach-Object g | ForEach-Object {
            [pscustomobject]@{ Name = $_.'data-n'; Count = [long]$_.'data-c'; Kind = $_.'data-k'; Fill = $_.rect.fill }
        }
    }
}

Describe 'ConvertTo-BpfFlameGraph' {
    It 'draws live samples with kernel frames marked as such' {
        $frames = Get-Frame ($Samples | ConvertTo-BpfFlameGraph)
        ($frames | Where-Object Name -eq 'all').Count | Should -Be 10
        ($frames | Where-Object Name -eq 'burn <&>').Count | Should -Be 10
        ($frames | Where-Object Name -eq 'main').Count | Should -Be 10
        ($frames | Where-Object Name -eq '__schedule').Kind | Should -Be 'k'
        ($frames | Where-Object Name -eq 'hot_leaf').Kind | Should -Be 'u'
    }

    It 'draws the same graph from copies read back with Import-Clixml and ConvertFrom-Json' {
        $path = Join-Path $TestDrive 'cpu.clixml'
        $Samples | Export-Clixml -Path $path
        $live = $Samples | ConvertTo-BpfFlameGraph
        Import-Clixml -Path $path | ConvertTo-BpfFlameGraph | Should -Be $live
        $Samples | ConvertTo-Json -Depth 3 | ConvertFrom-Json | ConvertTo-BpfFlameGraph | Should -Be $live
    }

    It 'draws folded lines, one per string or several in one' {
        $lines = $Samples | ConvertTo-BpfFoldedStack
        $frames = Get-Frame ($lines -join "`n" | ConvertTo-BpfFlameGraph -Title 'folded')
        ($frames | Where-Object Name -eq 'hot_leaf').Count | Should -Be 7
        Get-Frame ($lines | ConvertTo-BpfFlameGraph) | Should -HaveCount $frames.Count
    }

    It 'writes the file given by -Path and nothing to the pipeline' {
        $path = Join-Path $TestDrive 'cpu.svg'
        $Samples | ConvertTo-BpfFlameGraph -Path $path | Should -BeNullOrEmpty
        ([xml](Get-Content -Raw -Path $path)).svg.class | Should -Be 'flamegraph'
    }

    It 'colours a differential graph by change from -ReferenceObject' {
        $before = 'burn;main;hot_leaf 3', 'burn;main;cold_leaf 7'
        $frames = Get-Frame ($Samples | ConvertTo-BpfFoldedStack | ForEach-Object { $_ -replace '^burn <&>', 'burn' } |
            ConvertTo-BpfFlameGraph -ReferenceObject $before)
        # hot_leaf grew by 4, its kernel frames (not in the reference) by 7: the largest change is the deepest red.
        ($frames | Where-Object Name -eq '__schedule').Fill | Should -Be 'rgb(255,0,0)'
        ($frames | Where-Object Name -eq 'hot_leaf').Fill | Should -Be 'rgb(255,90,90)'
        ($frames | Where-Object Name -eq 'cold_leaf').Fill | Should -Be 'rgb(90,90,255)'
        ($frames | Where-Object Name -eq 'main').Fill | Should -Be 'rgb(250,250,250)'
    }

    It 'refuses what is neither a sample nor a folded line, and draws the rest' {
        $svg = @($Samples[0], 'no count here', 42) | ConvertTo-BpfFlameGraph -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 2
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'NotAStackSample,*' }
        (Get-Frame $svg | Where-Object Name -eq 'all').Count | Should -Be 7
    }
}
