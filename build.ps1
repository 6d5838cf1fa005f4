<#
.SYNOPSIS
    Builds, tests, documents and packages the BpfTools module.

.DESCRIPTION
    Runs the requested tasks in this order, whatever order they are given in:

      Build    dotnet build of BpfTools.slnx: the importable module in out/BpfTools/.
      Test     dotnet test of BpfTools.slnx (the xunit suites), then the Pester suite in tests/pester with
               tests/Invoke-PesterSuite.ps1 (Pester 5.9.1 from out/tools, which .ci/setup restores, else an
               installed Pester 5).
      Docs     External help from the platyPS markdown in docs/ into out/BpfTools/en-US (needs platyPS).
      Package  A Release build of out/BpfTools zipped into out/BpfTools-<ModuleVersion>.zip.

    The tracing tests need root and the wrapped tools (.ci/setup installs them); without root they are skipped.
    Any failure throws, so `pwsh -File build.ps1 ...` exits with a non-zero code.

    After changing a cmdlet's parameters, refresh its markdown before running Docs:
        Import-Module ./out/BpfTools/BpfTools.psd1 -Force; Update-MarkdownHelp -Path ./docs

.PARAMETER Task
    One or more of Build, Test, Docs, Package. Default: Build.

.PARAMETER Configuration
    Debug or Release, for Build and Test. Default: Release. Package always builds Release.

.EXAMPLE
    ./build.ps1

    Builds the module into out/BpfTools.

.EXAMPLE
    sudo pwsh -File ./build.ps1 -Task Build, Test

    Builds, then runs the xunit suites and the Pester tests (as root, so the tracing tests run).

.EXAMPLE
    ./build.ps1 -Task Docs, Package

    Generates the external help, then zips a Release build of the module with it.
#>
#Requires -Version 7.4
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$solution = Join-Path $PSScriptRoot 'BpfTools.slnx'
$moduleOut = Join-Path $PSScriptRoot 'out' 'BpfTools'
$pesterSuite = Join-Path $PSScriptRoot 'tests' 'Invoke-PesterSuite.ps1'

function Invoke-Dotnet {
    # Runs dotnet with these arguments and throws when it fails.
    param([Parameter(Mandatory)] [string[]] $Arguments)

    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    param([string] $BuildConfiguration)
    Invoke-Dotnet -Arguments @('build', '-c', $BuildConfiguration, $solution)
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', $solution, '-c', $Configuration)

    # In a fresh pwsh: it loads the module just built (an assembly cannot be reloaded in this session),
    # and this script's strict mode and $ErrorActionPreference do not leak into the tests.
    Write-Host "pwsh: $pesterSuite" -ForegroundColor Cyan
    # pwsh from PATH: where PowerShell is the dotnet global tool, this process is `dotnet`, not pwsh.
    & pwsh -NoProfile -NonInteractive -File $pesterSuite
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester tests failed (pwsh exit code $LASTEXITCODE)."
    }
}

function Invoke-DocsTask {
    $platyPS = Get-Module -ListAvailable -Name platyPS | Sort-Object -Property Version -Descending | Select-Object -First 1
    if ($null -eq $platyPS) {
        Write-Warning 'platyPS is not installed: skipping the external help. Install it with: Install-Module platyPS -Scope CurrentUser'
        return
    }
    $docs = Join-Path $PSScriptRoot 'docs'
    if (-not (Get-ChildItem -Path $docs -Filter '*.md' -File -ErrorAction Ignore)) {
        Write-Warning "No markdown help in $docs yet: skipping the external help."
        return
    }

    Import-Module -ModuleInfo $platyPS -Force
    $helpOut = Join-Path $moduleOut 'en-US'
    New-ExternalHelp -Path $docs -OutputPath $helpOut -Force | ForEach-Object { Write-Host "help: $($_.FullName)" }
}

function Invoke-PackageTask {
    Invoke-BuildTask -BuildConfiguration 'Release'
    $version = (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'BpfTools.psd1')).ModuleVersion
    $zip = Join-Path $PSScriptRoot 'out' "BpfTools-$version.zip"
    # The archive holds the BpfTools folder itself, ready to unzip into a folder on $env:PSModulePath.
    Compress-Archive -Path $moduleOut -DestinationPath $zip -Force
    Write-Host "package: $zip"
}

Push-Location $PSScriptRoot
try {
    foreach ($step in 'Build', 'Test', 'Docs', 'Package') {
        if ($Task -notcontains $step) {
            continue
        }
        Write-Host "== $step" -ForegroundColor Green
        switch ($step) {
            'Build' { Invoke-BuildTask -BuildConfiguration $Configuration }
            'Test' { Invoke-TestTask }
            'Docs' { Invoke-DocsTask }
            'Package' { Invoke-PackageTask }
        }
    }
}
finally {
    Pop-Location
}
