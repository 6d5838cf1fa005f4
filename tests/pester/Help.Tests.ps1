<#
.SYNOPSIS
    Pester 5 tests of the help a user of the built module gets from Get-Help: every cmdlet's, about_BpfTools,
    and the markdown in docs/ they are made from.

.DESCRIPTION
    Run with tests/Invoke-PesterSuite.ps1 -Path tests/pester/Help.Tests.ps1, or as part of the Pester suite.

    The help is module/en-US, which ./build.ps1 -Task Docs generates from docs/ with platyPS and the build copies
    into out/BpfTools/en-US; ./build.ps1 -Task DocsCheck fails when module/en-US is stale against docs/. These
    tests need no platyPS: they read the help through Get-Help, as a user does, and compare it with what
    Get-Command says of each cmdlet. Nothing here traces, so they run without root.
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    # One case per cmdlet the module exports, whatever they are.
    $CmdletCases = @(Get-Command -Module BpfTools -CommandType Cmdlet | Sort-Object -Property Name | ForEach-Object { @{ Name = $_.Name } })
    $DocsFolder = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'docs'))
    $PageCases = @(Get-ChildItem -LiteralPath $DocsFolder -Filter '*.md' -File | Sort-Object -Property Name |
            ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force

    # The common parameters are described once, in about_CommonParameters, not in each cmdlet's help.
    # ProgressAction became one in PowerShell 7.4; it is listed here too in case this pwsh's list lacks it.
    $CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) +
        @([System.Management.Automation.Cmdlet]::OptionalCommonParameters) + 'ProgressAction'

    function Get-OwnParameter {
        # The cmdlet's own parameters: all but the common ones.
        param([System.Management.Automation.CommandInfo] $Command)
        @($Command.Parameters.Values | Where-Object { $CommonParameters -notcontains $_.Name } | Sort-Object -Property Name)
    }

    function Get-HelpText {
        # The text of a help field that holds paragraphs (description, remarks): its Text values joined.
        param($Field)
        (@($Field | Where-Object { $null -ne $_ } | ForEach-Object { $_.Text }) -join "`n").Trim()
    }

    function Get-ParameterFact {
        # What the help says of one parameter, the way Get-Help shows it, as Get-Command reports it: type,
        # required, position, pipeline input, aliases, wildcards. Null when the parameter's parameter sets disagree
        # (platyPS would need one yaml block per set; no BpfTools cmdlet has such a parameter).
        param([System.Management.Automation.ParameterMetadata] $Parameter)

        $sets = @($Parameter.ParameterSets.Values)
        $first = $sets[0]
        foreach ($set in $sets) {
            if ($set.IsMandatory -ne $first.IsMandatory -or $set.Position -ne $first.Position -or
                $set.ValueFromPipeline -ne $first.ValueFromPipeline -or $set.ValueFromPipelineByPropertyName -ne $first.ValueFromPipelineByPropertyName) {
                return $null
            }
        }
        $pipeline = @(
            if ($first.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
            if ($first.ValueFromPipeline) { 'ByValue' }
        )
        [ordered]@{
            type = $Parameter.ParameterType.ToString()
            required = $first.IsMandatory.ToString().ToLowerInvariant()
            position = if ($first.Position -eq [int]::MinValue) { 'named' } else { [string]$first.Position }
            pipelineInput = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
            aliases = if ($Parameter.Aliases.Count -gt 0) { $Parameter.Aliases -join ', ' } else { 'none' }
            globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        }
    }

    function Get-AcceptedValue {
        # The values a parameter takes from a fixed set, sorted: its ValidateSet, else its enum's names.
        param([System.Management.Automation.ParameterMetadata] $Parameter)

        $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
        if ($null -ne $set) {
            return @($set.ValidValues | Sort-Object)
        }
        $type = $Parameter.ParameterType
        $type = if ([System.Nullable]::GetUnderlyingType($type)) { [System.Nullable]::GetUnderlyingType($type) } else { $type }
        if ($type.IsEnum) {
            return @([System.Enum]::GetNames($type) | Sort-Object)
        }
        @()
    }
}

AfterAll {
    Remove-Module -Name TestHelpers -ErrorAction Ignore
}

Describe 'The help of the BpfTools module' {
    It 'has cmdlets to test' {
        # Guards the cases below: with no cmdlet found, they would all be left out silently.
        @(Get-Command -Module BpfTools -CommandType Cmdlet).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $CmdletCases {
    BeforeAll {
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $command = Get-Command -Name $Name -Module BpfTools -ErrorAction Stop
        $own = Get-OwnParameter -Command $command
        $helpParameters = @($help.parameters.parameter | Where-Object { $null -ne $_ })
    }

    It 'has a synopsis of its own' {
        # Without MAML help, Get-Help makes the synopsis from the cmdlet's name or syntax.
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Be $Name
        $synopsis | Should -Not -BeLike "$Name*" -Because 'a synopsis that starts with the name is the one Get-Help makes up when the cmdlet has no help'
    }

    It 'has a description' {
        Get-HelpText -Field $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has examples, each with code' {
        $examples = @($help.examples.example | Where-Object { $null -ne $_ })
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim(' -')) needs code"
        }
    }

    It 'describes every parameter of the cmdlet' {
        $undescribed = @(
            foreach ($parameter in $own) {
                $entry = $helpParameters | Where-Object { $_.name -eq $parameter.Name } | Select-Object -First 1
                if ($null -eq $entry -or -not (Get-HelpText -Field $entry.description)) { $parameter.Name }
            }
        )
        $undescribed | Should -BeNullOrEmpty -Because 'every parameter of the cmdlet needs a description in its help'
    }

    It 'names no parameter the cmdlet lacks, and no common parameter' {
        $unknown = @($helpParameters.name | Where-Object { $own.Name -notcontains $_ })
        $unknown | Should -BeNullOrEmpty -Because 'the help must describe the cmdlet as it is (ProgressAction is a common parameter)'
    }

    It "gives each parameter the cmdlet's type, position, pipeline input, aliases and wildcards" {
        $wrong = @(
            foreach ($parameter in $own) {
                $entry = $helpParameters | Where-Object { $_.name -eq $parameter.Name } | Select-Object -First 1
                $fact = Get-ParameterFact -Parameter $parameter
                if ($null -eq $entry -or $null -eq $fact) { continue }
                $said = [ordered]@{
                    type = "$($entry.type.name)"; required = "$($entry.required)".ToLowerInvariant(); position = "$($entry.position)".ToLowerInvariant()
                    pipelineInput = "$($entry.pipelineInput)"; aliases = "$($entry.aliases)"; globbing = "$($entry.globbing)" -eq 'true'
                }
                foreach ($key in $fact.Keys) {
                    if ("$($said[$key])" -ne "$($fact[$key])") { "-$($parameter.Name) $key is '$($said[$key])' in the help, '$($fact[$key])' in the cmdlet" }
                }
            }
        )
        $wrong | Should -BeNullOrEmpty
    }

    It "has one syntax per parameter set of the cmdlet, with that set's parameters and accepted values" {
        $items = @($help.syntax.syntaxItem | Where-Object { $null -ne $_ })
        $inHelp = @($items | ForEach-Object { (@($_.parameter | Where-Object { $null -ne $_ } | ForEach-Object name | Sort-Object) -join ', ') } | Sort-Object)
        $inCmdlet = @($command.ParameterSets | ForEach-Object {
                (@($_.Parameters.Name | Where-Object { $CommonParameters -notcontains $_ } | Sort-Object) -join ', ')
            } | Sort-Object)
        $inHelp | Should -Be $inCmdlet -Because "each line is one parameter set's parameters ('Parameter Sets:' in docs/$Name.md)"

        $wrong = @(
            foreach ($parameter in $own) {
                $want = Get-AcceptedValue -Parameter $parameter
                foreach ($item in $items) {
                    $entry = $item.parameter | Where-Object { $null -ne $_ -and $_.name -eq $parameter.Name } | Select-Object -First 1
                    if ($null -eq $entry) { continue }
                    $got = @($entry.parameterValueGroup.parameterValue | Where-Object { $null -ne $_ } | ForEach-Object { "$_" } | Sort-Object)
                    if (($got -join ', ') -ne ($want -join ', ')) { "-$($parameter.Name) accepts '$($got -join ', ')' in the help, '$($want -join ', ')' in the cmdlet" }
                }
            }
        )
        $wrong | Select-Object -Unique | Should -BeNullOrEmpty
    }
}

Describe 'Get-Help about_BpfTools' {
    It 'returns the text of the topic shipped with the module' {
        $topic = Get-Help -Name about_BpfTools -ErrorAction Stop | Out-String
        $topic | Should -Match 'SHORT DESCRIPTION'
        $topic | Should -Match 'LONG DESCRIPTION'
        $file = [System.IO.Path]::Combine((Get-Module -Name BpfTools).ModuleBase, 'en-US', 'about_BpfTools.help.txt')
        ($topic -replace '\s+', ' ').Trim() | Should -Be (([System.IO.File]::ReadAllText($file) -replace '\s+', ' ').Trim())
    }

    It 'names every cmdlet of the module' {
        $topic = Get-Help -Name about_BpfTools -ErrorAction Stop | Out-String
        $missing = @(Get-Command -Module BpfTools -CommandType Cmdlet | Where-Object { $topic -notmatch "\b$([regex]::Escape($_.Name))\b" } | ForEach-Object Name)
        $missing | Should -BeNullOrEmpty
    }
}

Describe 'docs/<Name>' -ForEach $PageCases {
    It 'does not mention ProgressAction, which is a common parameter and no parameter of a BpfTools cmdlet' {
        [System.IO.File]::ReadAllText($Path) | Should -Not -Match 'ProgressAction'
    }

    It 'does not mention bpftools-host, which was retired: users run pwsh' {
        [System.IO.File]::ReadAllText($Path) | Should -Not -Match 'bpftools-host|out/host'
    }
}
