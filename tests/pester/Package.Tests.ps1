<#
.SYNOPSIS
    Installable the PowerShell way: build.ps1 -Task Package publishes the module with PSResourceGet to a folder
    repository, and Install-PSResource gives a working module (help, views, bpftrace programs) from it. Everything
    runs in child pwsh processes whose HOME is a temporary folder, so the repositories registered and the module
    installed (CurrentUser scope) go there, never into the machine's own PowerShell configuration.
#>

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $Repo = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    $Version = (Import-PowerShellDataFile -Path (Join-Path $Repo 'BpfTools.psd1')).ModuleVersion

    function Invoke-Pwsh([string] $Script, [string] $HomeFolder) {
        # A child pwsh with its own HOME: PSResourceGet's repository list and CurrentUser modules live under it.
        $start = [System.Diagnostics.ProcessStartInfo]::new('pwsh')
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Script) { $start.ArgumentList.Add($argument) }
        $start.Environment['HOME'] = $HomeFolder
        $start.Environment.Remove('PSModulePath') | Out-Null
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.WorkingDirectory = $Repo
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Errors = $stderr.Result }
    }
}

Describe 'The module package' -Tag 'Package' {
    BeforeAll {
        $BuildHome = [System.IO.Directory]::CreateTempSubdirectory('bpftools-package-build-').FullName
        $Build = Invoke-Pwsh -HomeFolder $BuildHome -Script './build.ps1 -Task Package'
        $Nupkg = Join-Path $Repo 'out' 'packages' "BpfTools.$Version.nupkg"
    }

    AfterAll {
        Remove-Item -Recurse -Force -Path $BuildHome -ErrorAction Ignore
    }

    It 'is built by build.ps1 -Task Package into out/packages, with a manifest Test-ModuleManifest accepts' {
        $Build.ExitCode | Should -Be 0 -Because "build.ps1 said: $($Build.Output) $($Build.Errors)"
        $Nupkg | Should -Exist
        $manifest = Test-ModuleManifest -Path (Join-Path $Repo 'out' 'BpfTools' 'BpfTools.psd1') -ErrorAction Stop
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'eBPF'
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Match '^### ' -Because "the packaged manifest carries this version's CHANGELOG section"
    }

    It 'installs with Install-PSResource from a folder repository and works: Get-BpfTool, help, views, bpftrace programs' {
        $installHome = [System.IO.Directory]::CreateTempSubdirectory('bpftools-package-install-').FullName
        try {
            $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name BpfToolsLocal -Uri '$(Split-Path $Nupkg)' -Trusted
Install-PSResource -Name BpfTools -Version '$Version' -Repository BpfToolsLocal -Scope CurrentUser -TrustRepository
`$module = Import-Module BpfTools -PassThru
'path=' + `$module.ModuleBase
'tools=' + @(Get-BpfTool).Count
'examples=' + @((Get-Help Get-BpfExec -Examples).examples.example).Count
'programs=' + @(Get-ChildItem (Join-Path `$module.ModuleBase 'bpftrace') -Filter *.bt).Count
Get-BpfTool -Name execsnoop | Out-String -Width 120
"@
            $install = Invoke-Pwsh -HomeFolder $installHome -Script $script
            $install.ExitCode | Should -Be 0 -Because "the install said: $($install.Output) $($install.Errors)"
            $install.Output | Should -Match "(?m)^path=$([regex]::Escape($installHome))/"
            [int]([regex]::Match($install.Output, '(?m)^tools=(\d+)').Groups[1].Value) | Should -BeGreaterThan 10
            [int]([regex]::Match($install.Output, '(?m)^examples=(\d+)').Groups[1].Value) | Should -BeGreaterThan 0
            [int]([regex]::Match($install.Output, '(?m)^programs=(\d+)').Groups[1].Value) |
                Should -Be @(Get-ChildItem (Join-Path $Repo 'module' 'bpftrace') -Filter *.bt).Count
            $install.Output | Should -Match '(?m)^Tool\s+Cmdlet\s+Backend\s+CanRun\s+Reason' -Because 'the installed views apply'
        }
        finally {
            Remove-Item -Recurse -Force -Path $installHome -ErrorAction Ignore
        }
    }
}
