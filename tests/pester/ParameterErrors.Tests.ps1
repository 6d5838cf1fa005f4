<#
.SYNOPSIS
    Bad input, for every parameter of every cmdlet: out-of-range, wrong-type and empty values. Each must end in a
    parameter-binding error with a clear message (no stack trace) before any tool starts. The cases are derived
    from the cmdlets themselves (types and validation attributes), so a new parameter is covered as it is added.
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + 'ProgressAction'
    $Cases = foreach ($command in Get-Command -Module BpfTools | Sort-Object Name) {
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name) {
            $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
            $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
            $range = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } | Select-Object -First 1
            $bad = [ordered]@{}
            if ($element -in [int], [long], [uint32], [double] -or $element.IsEnum -or $element -eq [timespan]) {
                $bad['a word where a value is wanted'] = 'soon'
            }
            if ($range -and $null -ne $range.MinRange) {
                $bad["below the minimum $($range.MinRange)"] = [decimal]$range.MinRange - 1
            }
            if ($range -and $null -ne $range.MaxRange) {
                $bad["above the maximum $($range.MaxRange)"] = [decimal]$range.MaxRange + 1
            }
            if ($element -eq [int] -and -not $range) {
                $bad['past the largest int'] = [long][int]::MaxValue + 1
            }
            if ($element -eq [timespan]) {
                if (@($parameter.Attributes | ForEach-Object { $_.GetType().Name }) -contains 'ValidatePositiveDurationAttribute') {
                    $bad['zero time'] = 0
                }
                $bad['negative time'] = -5
            }
            if ($type -eq [string] -or $type.IsArray) {
                $bad['empty'] = if ($type.IsArray) { , @() } else { '' }
            }
            if ($type -ne [System.Management.Automation.SwitchParameter] -and -not $type.IsValueType) {
                $bad['$null'] = $null
            }
            foreach ($case in $bad.GetEnumerator()) {
                @{ Command = $command.Name; Parameter = $parameter.Name; What = $case.Key; Value = $case.Value }
            }
        }
    }
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
}

Describe 'Bad parameter values' {
    It '<Command> -<Parameter> <What>: a binding error, no stack trace, no tool' -ForEach $Cases {
        $caught = $null
        $arguments = @{ $Parameter = $Value }
        try {
            # -Duration 1 keeps a run short should binding wrongly succeed; it is replaced when it is the parameter tried.
            if ($Parameter -ne 'Duration' -and (Get-Command $Command).Parameters.ContainsKey('Duration')) {
                $arguments['Duration'] = 1
            }
            & $Command @arguments -ErrorAction Stop | Out-Null
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty -Because "$Command -$Parameter $What should be refused"
        $caught.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        $caught.Exception.Message | Should -Match ([regex]::Escape($Parameter)) -Because 'the message names the parameter'
        $caught.Exception.Message | Should -Not -Match '\bat [\w.]+\(|   at ' -Because 'no stack trace'
        @(Get-ChildToolProcess) | Should -HaveCount 0
    }
}
