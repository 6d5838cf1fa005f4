<#
.SYNOPSIS
    Runs the Pester suite (tests/pester/*.Tests.ps1) against the built module and prints one counts line.
.DESCRIPTION
    Uses Pester 5.9.1 from out/tools (restored by .ci/setup from NuGet) when it is there, else the newest
    Pester 5 installed on this machine. Prints "pester: N passed, N failed, N skipped" last, and exits with
    a non-zero code when a test, a container or discovery failed, or when no test ran.
.PARAMETER Path
    Test files or folders; default tests/pester.
.PARAMETER Tag
    Run only the tests with one of these tags.
#>
#Requires -Version 7.4
[CmdletBinding()]
param(
    [string[]] $Path = (Join-Path $PSScriptRoot 'pester'),
    [string[]] $Tag
)

$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) {
    # A CI log, not a terminal: no colour codes.
    $PSStyle.OutputRendering = 'PlainText'
}
$restored = Join-Path $PSScriptRoot '..' 'out' 'tools' 'pester' '5.9.1' 'tools' 'Pester.psd1'
if (Test-Path $restored) {
    Import-Module $restored -Force
}
else {
    Import-Module Pester -MinimumVersion 5.0.0 -Force
}

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.StackTraceVerbosity = 'Filtered'
if ($Tag) {
    $config.Filter.Tag = $Tag
}
$result = $null
try {
    $result = Invoke-Pester -Configuration $config
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
}
if ($null -eq $result -or $null -eq $result.PassedCount) {
    # Pester itself failed (a path that does not exist, a broken configuration): that is a failure, never a pass.
    'pester: 0 passed, 1 failed, 0 skipped'
    exit 1
}

# A file that failed discovery, or a failed BeforeAll, fails its tests without running them: counted as failures.
$broken = $result.FailedCount + $result.FailedContainersCount + $result.FailedBlocksCount
"pester: $($result.PassedCount) passed, $broken failed, $($result.SkippedCount) skipped"
if ($broken -gt 0 -or $result.PassedCount -eq 0) {
    exit 1
}
exit 0
