<#
.SYNOPSIS
    Builds, tests, documents and packages the BpfTools module.

.DESCRIPTION
    Runs the requested tasks in this order, whatever order they are given in:

      Docs       External help from the platyPS markdown in docs/ into module/en-US: BpfTools.dll-Help.xml
                 from the cmdlet pages, about_BpfTools.help.txt from about_BpfTools.md; also into
                 out/BpfTools/en-US when the module is built. Needs platyPS 0.14.2: the installed module,
                 else ../shared/tools/platyPS beside the repository. Throws, and changes nothing, when
                 New-ExternalHelp reports a warning or an error, or when a page would not reach the help
                 whole (an example, a parameter, a section or some of its text missing).
      DocsCheck  The same conversion into a temporary folder, compared with module/en-US: throws, naming
                 the files, when module/en-US is not what Docs would write. Changes no file (for CI).
      Build      dotnet build of BpfTools.slnx: the importable module in out/BpfTools/, with the help
                 from module/en-US.
      Test       dotnet test of BpfTools.slnx (the xunit suites), then the Pester suite in tests/pester with
                 tests/Invoke-PesterSuite.ps1 (Pester 5.9.1 from out/tools, which .ci/setup restores, else an
                 installed Pester 5).
      Package    A clean Release build of out/BpfTools, with this version's CHANGELOG section as release notes,
                 published with PSResourceGet to the folder repository out/packages (BpfTools.<version>.nupkg).
                 Install it on a host: Register-PSResourceRepository -Name Local -Uri <folder with the nupkg>
                 -Trusted; Install-PSResource BpfTools -Repository Local.

    The tracing tests need root and the wrapped tools (.ci/setup installs them); without root they are skipped.
    Any failure throws, so `pwsh -File build.ps1 ...` exits with a non-zero code.

    After changing a cmdlet's parameters, edit the yaml block under each parameter in its page in docs/,
    then run Docs. Do not let Update-MarkdownHelp or New-MarkdownHelp rewrite the pages: platyPS 0.14.2
    predates PowerShell 7.4 and adds its common parameter -ProgressAction as if it were the cmdlet's own.
    To see the block platyPS would write, run New-MarkdownHelp -Command <cmdlet> -UseFullTypeName
    -OutputFolder <a temporary folder>. tests/pester/Help.Tests.ps1 checks the help against the cmdlets.

.PARAMETER Task
    One or more of Docs, DocsCheck, Build, Test, Package. Default: Build.

.PARAMETER Configuration
    Debug or Release, for Build and Test. Default: Release. Package always builds Release.

.EXAMPLE
    ./build.ps1

    Builds the module into out/BpfTools.

.EXAMPLE
    sudo pwsh -File ./build.ps1 -Task Build, Test

    Builds, then runs the xunit suites and the Pester tests (as root, so the tracing tests run).

.EXAMPLE
    ./build.ps1 -Task Docs, Build

    Regenerates module/en-US from docs/, then builds the module with that help.

.EXAMPLE
    pwsh -NoProfile -File ./build.ps1 -Task DocsCheck

    Fails when module/en-US is stale against docs/, as CI runs it.

.EXAMPLE
    ./build.ps1 -Task Docs, Package

    Regenerates the external help, then zips a Release build of the module with it.
#>
#Requires -Version 7.4
[CmdletBinding()]
param(
    [ValidateSet('Docs', 'DocsCheck', 'Build', 'Test', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$solution = Join-Path $PSScriptRoot 'BpfTools.slnx'
$moduleOut = Join-Path $PSScriptRoot 'out' 'BpfTools'
$pesterSuite = Join-Path $PSScriptRoot 'tests' 'Invoke-PesterSuite.ps1'
$docsSource = Join-Path $PSScriptRoot 'docs'
$helpSource = Join-Path $PSScriptRoot 'module' 'en-US'
# module/en-US is this version's output, which DocsCheck compares byte for byte: other versions parse differently.
$platyPSVersion = [version]'0.14.2'

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
    # One test assembly at a time: the runner's unit tests time real processes, the runspace tests trace the kernel.
    Invoke-Dotnet -Arguments @('test', $solution, '-c', $Configuration, '-m:1')

    # In a fresh pwsh: it loads the module just built (an assembly cannot be reloaded in this session),
    # and this script's strict mode and $ErrorActionPreference do not leak into the tests.
    Write-Host "pwsh: $pesterSuite" -ForegroundColor Cyan
    # pwsh from PATH: where PowerShell is the dotnet global tool, this process is `dotnet`, not pwsh.
    & pwsh -NoProfile -NonInteractive -File $pesterSuite
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester tests failed (pwsh exit code $LASTEXITCODE)."
    }
}

function Import-PlatyPS {
    # platyPS $platyPSVersion: the installed module (PowerShell Gallery), else the copy in ../shared/tools/platyPS.
    Remove-Module -Name platyPS -Force -ErrorAction Ignore
    $installed = @(Get-Module -ListAvailable -Name platyPS)
    $wanted = $installed | Where-Object Version -EQ $platyPSVersion | Select-Object -First 1
    $shared = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', 'shared', 'tools', 'platyPS', 'platyPS.psd1'))
    if ($null -ne $wanted) {
        Import-Module -ModuleInfo $wanted -Force
    }
    elseif ([System.IO.File]::Exists($shared)) {
        $module = Import-Module -Name $shared -Force -PassThru
        if ($module.Version -ne $platyPSVersion) {
            throw "platyPS $platyPSVersion is needed for the external help; $shared is $($module.Version)."
        }
    }
    else {
        $others = if ($installed) { " (installed: platyPS $(($installed.Version | Sort-Object -Unique) -join ', '))" } else { '' }
        throw "platyPS $platyPSVersion is needed for the external help, and was found neither installed$others nor at $shared. " +
            "Install it with: Install-Module platyPS -RequiredVersion $platyPSVersion -Scope CurrentUser"
    }
}

function New-XmlNamespaces {
    # The MAML namespaces, for XPath over a help file.
    param([System.Xml.XmlDocument] $Document)

    $namespaces = [System.Xml.XmlNamespaceManager]::new($Document.NameTable)
    $namespaces.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $namespaces.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    , $namespaces
}

function ConvertTo-ComparableText {
    # What must come through platyPS unchanged: the text without bold markers (platyPS drops them) and
    # without whitespace (platyPS joins lines and reflows). A lost paragraph, a swallowed heading or
    # characters eaten as emphasis all show.
    param([string] $Text)
    ($Text -replace '\*\*', '') -replace '\s+', ''
}

function Read-CommandPage {
    # What each section of a cmdlet page (platyPS schema 2.0.0) holds, read line by line, and what in its
    # layout platyPS 0.14.2 cannot take.
    param([string] $Path)

    $file = [System.IO.Path]::GetFileName($Path)
    $page = [ordered]@{
        Name = ''; Synopsis = [System.Text.StringBuilder]::new(); Description = [System.Text.StringBuilder]::new()
        Examples = [System.Collections.Generic.List[object]]::new(); Parameters = [System.Collections.Generic.List[object]]::new()
        Inputs = [System.Collections.Generic.List[object]]::new(); Outputs = [System.Collections.Generic.List[object]]::new()
        Notes = [System.Text.StringBuilder]::new(); Links = [System.Collections.Generic.List[string]]::new()
        CommonParameters = $false; Problems = [System.Collections.Generic.List[string]]::new()
    }
    $lines = [System.IO.File]::ReadAllLines($Path)
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $i = [Array]::IndexOf($lines, '---', 1) + 1
    }
    $section = ''
    $item = $null
    $inFence = $false
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        $at = "${file}:$($i + 1)"
        if ($inFence) {
            if ($line -match '^```\s*$') {
                $inFence = $false
            }
            elseif ($null -ne $item -and $item.Kind -eq 'Example') {
                $item.Code[$item.Code.Count - 1].Add($line)
            }
            continue
        }
        if ($line -match '^```(\S*)') {
            $inFence = $true
            if ($null -ne $item -and $item.Kind -eq 'Example') {
                if ($item.Text.ToString().Trim()) {
                    $page.Problems.Add("${at}: a code block after the text of '$($item.Title)': platyPS stops with 'Expect Heading'. Make it an example of its own.")
                }
                $item.Code.Add([System.Collections.Generic.List[string]]::new())
            }
            elseif ($null -ne $item -and $item.Kind -eq 'Parameter' -and $Matches[1] -eq 'yaml') {
                $item.Yaml = $true
            }
            elseif ($section -ne 'SYNTAX') {
                $page.Problems.Add("${at}: a code block in $section, which platyPS leaves out of the help")
            }
            continue
        }
        if ($line -match '^# (.+)$') {
            $page.Name = $Matches[1].Trim()
            continue
        }
        if ($line -match '^## (.+)$') {
            $section = $Matches[1].Trim()
            $item = $null
            if ($section -notin 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
                $page.Problems.Add("${at}: a section platyPS does not know: $line")
            }
            continue
        }
        if ($line -match '^### (.+)$') {
            $title = $Matches[1].Trim()
            $item = [ordered]@{ Kind = ''; Title = $title; Text = [System.Text.StringBuilder]::new(); Code = $null; Yaml = $false }
            switch ($section) {
                'SYNTAX' { $item = $null }
                'EXAMPLES' { $item.Kind = 'Example'; $item.Code = [System.Collections.Generic.List[object]]::new(); $page.Examples.Add($item) }
                'PARAMETERS' {
                    if ($title -eq 'CommonParameters') { $page.CommonParameters = $true; $item.Kind = 'Common' }
                    else { $item.Kind = 'Parameter'; $item.Title = $title.TrimStart('-'); $page.Parameters.Add($item) }
                }
                'INPUTS' { $item.Kind = 'Type'; $page.Inputs.Add($item) }
                'OUTPUTS' { $item.Kind = 'Type'; $page.Outputs.Add($item) }
                default { $page.Problems.Add("${at}: a ### heading in $section, which platyPS does not expect"); $item = $null }
            }
            continue
        }
        if ($line -match '^#') {
            $page.Problems.Add("${at}: a heading platyPS does not expect: $line")
            continue
        }
        switch ($section) {
            'SYNOPSIS' { [void]$page.Synopsis.AppendLine($line) }
            'DESCRIPTION' { [void]$page.Description.AppendLine($line) }
            'NOTES' { [void]$page.Notes.AppendLine($line) }
            'RELATED LINKS' { if ($line.Trim()) { $page.Links.Add($line.Trim()) } }
            'SYNTAX' { }
            default {
                if ($null -ne $item) { [void]$item.Text.AppendLine($line) }
                elseif ($line.Trim()) { $page.Problems.Add("${at}: text outside any ### heading in $section") }
            }
        }
    }
    $page
}

function Test-HelpConversion {
    # Compares what platyPS wrote in HelpFolder with the pages in docs/, section by section, and returns what
    # would not reach the help: New-ExternalHelp loses text silently (a code block longer than its
    # 10,000-character look-ahead swallows everything after it, for one).
    param([Parameter(Mandatory)] [string] $HelpFolder)

    $pages = @(Get-ChildItem -LiteralPath $docsSource -Filter '*.md' -File | Sort-Object -Property Name)
    $abouts = @($pages | Where-Object Name -Like 'about_*')
    $commandPages = @($pages | Where-Object Name -NotLike 'about_*')

    $expected = @('BpfTools.dll-Help.xml') + @($abouts | ForEach-Object { $_.BaseName + '.help.txt' })
    foreach ($name in @(Get-ChildItem -LiteralPath $HelpFolder -File).Name) {
        if ($expected -notcontains $name) { "New-ExternalHelp wrote $name, which no page should make (is 'external help file' right in every page?)" }
    }

    foreach ($about in $abouts) {
        $text = Join-Path $HelpFolder ($about.BaseName + '.help.txt')
        if (-not (Test-Path -LiteralPath $text)) { "$($about.Name): no $($about.BaseName).help.txt was written"; continue }
        # The topic starts "TOPIC <name>" where the page has its # heading; fences and heading marks go.
        $markdown = @([System.IO.File]::ReadAllLines($about.FullName) | Select-Object -Skip 1 |
                Where-Object { $_ -notmatch '^```' } | ForEach-Object { $_ -replace '^#+ ', '' }) -join "`n"
        $want = 'TOPIC' + (ConvertTo-ComparableText $markdown)
        $got = ConvertTo-ComparableText ([System.IO.File]::ReadAllText($text))
        if ($want.ToLowerInvariant() -ne $got.ToLowerInvariant()) {
            "$($about.Name): the topic's text differs from the page's from '$(Get-FirstDifference $want.ToLowerInvariant() $got.ToLowerInvariant())'"
        }
    }

    $xmlPath = Join-Path $HelpFolder 'BpfTools.dll-Help.xml'
    if (-not (Test-Path -LiteralPath $xmlPath)) { 'New-ExternalHelp wrote no BpfTools.dll-Help.xml'; return }
    $document = [System.Xml.XmlDocument]::new()
    $document.Load($xmlPath)
    $ns = New-XmlNamespaces -Document $document
    $paras = { param($Node, [string] $XPath) (@($Node.SelectNodes($XPath, $ns)) | ForEach-Object InnerText) -join "`n" }

    foreach ($file in $commandPages) {
        $page = Read-CommandPage -Path $file.FullName
        $same = {
            param([string] $What, [string] $Markdown, [string] $Help)
            $want = ConvertTo-ComparableText $Markdown
            $got = ConvertTo-ComparableText $Help
            if ($want -ne $got) { "$($file.Name): $What differs in the help from '$(Get-FirstDifference $want $got)'" }
        }
        $command = $document.SelectSingleNode("//command:command[command:details/command:name='$($page.Name)']", $ns)
        if ($null -eq $command) {
            "$($file.Name): $($page.Name) is missing from BpfTools.dll-Help.xml"
            continue
        }
        & $same 'SYNOPSIS' $page.Synopsis.ToString() (& $paras $command 'command:details/maml:description/maml:para')
        & $same 'DESCRIPTION' $page.Description.ToString() (& $paras $command 'maml:description/maml:para')

        $examples = @($command.SelectNodes('command:examples/command:example', $ns))
        if ($examples.Count -ne $page.Examples.Count) { "$($file.Name): $($page.Examples.Count) examples, $($examples.Count) in the help" }
        for ($k = 0; $k -lt [Math]::Min($examples.Count, $page.Examples.Count); $k++) {
            $example = $page.Examples[$k]
            if ($example.Code.Count -eq 0) { "$($file.Name): '$($example.Title)' has no code" }
            & $same "the title of '$($example.Title)'" $example.Title $examples[$k].SelectSingleNode('maml:title', $ns).InnerText.Trim().Trim('-')
            & $same "the code of '$($example.Title)'" (@($example.Code | ForEach-Object { $_ -join "`n" }) -join "`n") $examples[$k].SelectSingleNode('dev:code', $ns).InnerText
            & $same "the text of '$($example.Title)'" $example.Text.ToString() (& $paras $examples[$k] 'dev:remarks/maml:para')
        }

        $parameters = @($command.SelectNodes('command:parameters/command:parameter', $ns))
        foreach ($parameter in $page.Parameters) {
            if (-not $parameter.Yaml) { "$($file.Name): -$($parameter.Title) has no yaml block, so the help has no type, position or parameter set for it" }
            $node = $parameters | Where-Object { $_.SelectSingleNode('maml:name', $ns).InnerText -eq $parameter.Title } | Select-Object -First 1
            if ($null -eq $node) { "$($file.Name): -$($parameter.Title) is missing from the help"; continue }
            & $same "the description of -$($parameter.Title)" $parameter.Text.ToString() (& $paras $node 'maml:description/maml:para')
        }
        foreach ($name in @($parameters | ForEach-Object { $_.SelectSingleNode('maml:name', $ns).InnerText })) {
            if (@($page.Parameters | ForEach-Object { $_.Title }) -notcontains $name) { "$($file.Name): the help has a parameter -$name that the page does not describe" }
        }
        if (-not $page.CommonParameters) { "$($file.Name): no ### CommonParameters section, so the help's syntax lacks [<CommonParameters>]" }

        foreach ($kind in @(@('INPUTS', $page.Inputs, 'command:inputTypes/command:inputType'), @('OUTPUTS', $page.Outputs, 'command:returnValues/command:returnValue'))) {
            $nodes = @($command.SelectNodes($kind[2], $ns))
            if ($nodes.Count -ne $kind[1].Count) { "$($file.Name): $($kind[1].Count) types in $($kind[0]), $($nodes.Count) in the help"; continue }
            for ($k = 0; $k -lt $nodes.Count; $k++) {
                $type = $kind[1][$k]
                & $same "$($kind[0]) $($type.Title)" ($type.Title + $type.Text.ToString()) ($nodes[$k].SelectSingleNode('dev:type/maml:name', $ns).InnerText + (& $paras $nodes[$k] 'maml:description/maml:para'))
            }
        }
        & $same 'NOTES' $page.Notes.ToString() (& $paras $command 'maml:alertSet/maml:alert/maml:para')
        $links = @($command.SelectNodes('command:relatedLinks/maml:navigationLink', $ns))
        if ($links.Count -ne $page.Links.Count) { "$($file.Name): $($page.Links.Count) related links, $($links.Count) in the help" }
    }
}

function Get-FirstDifference {
    # Where two comparable texts part: 40 characters of the first from there, and of the second.
    param([string] $Want, [string] $Got)

    $n = 0
    while ($n -lt $Want.Length -and $n -lt $Got.Length -and $Want[$n] -eq $Got[$n]) { $n++ }
    $wantPart = $Want.Substring($n, [Math]::Min(40, $Want.Length - $n))
    $gotPart = $Got.Substring($n, [Math]::Min(40, $Got.Length - $n))
    "$wantPart' (the help has '$gotPart')"
}

function Stop-WithList {
    # Prints each problem on a line of its own (an exception message gets wrapped), then throws.
    param([string] $Message, [string[]] $List)

    Write-Host "${Message}:"
    foreach ($line in $List) {
        Write-Host "  $line"
    }
    throw "$Message ($($List.Count) problems, listed above)."
}

function New-HelpFromDocs {
    # Converts docs/ into OutputPath (an empty folder) with platyPS, with LF line ends, and throws when
    # New-ExternalHelp reports anything or when a page would not come out whole.
    param([Parameter(Mandatory)] [string] $OutputPath)

    # A layout platyPS cannot take makes New-ExternalHelp stop with a terse message, or lose text: say which first.
    $layout = @(Get-ChildItem -LiteralPath $docsSource -Filter '*.md' -File | Where-Object Name -NotLike 'about_*' |
            Sort-Object -Property Name | ForEach-Object { (Read-CommandPage -Path $_.FullName).Problems })
    if ($layout.Count -gt 0) {
        Stop-WithList -Message 'Some pages in docs/ are laid out in a way platyPS cannot convert' -List $layout
    }
    Import-PlatyPS
    try {
        # Warnings and errors from the streams: -WarningVariable misses platyPS's warnings.
        $output = @(New-ExternalHelp -Path $docsSource -OutputPath $OutputPath -Force -ErrorAction Stop 2>&1 3>&1)
    }
    catch {
        throw "New-ExternalHelp failed on docs/: $($_.Exception.Message)"
    }
    $reported = @(
        $output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { "WARNING: $($_.Message)" }
        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "ERROR: $_" }
    )
    if ($reported.Count -gt 0) {
        Stop-WithList -Message 'New-ExternalHelp reported problems with docs/' -List $reported
    }
    $problems = @(Test-HelpConversion -HelpFolder $OutputPath)
    if ($problems.Count -gt 0) {
        Stop-WithList -Message "Some of docs/ would not reach the help whole (platyPS $platyPSVersion)" -List $problems
    }
    # platyPS writes the about topic with CRLF and the XML with LF: one kind of line end, for git.
    $utf8Bom = [System.Text.UTF8Encoding]::new($true)
    foreach ($file in Get-ChildItem -LiteralPath $OutputPath -File) {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        [System.IO.File]::WriteAllText($file.FullName, $text.Replace("`r`n", "`n"), $utf8Bom)
    }
}

function Invoke-DocsTask {
    $staging = [System.IO.Directory]::CreateTempSubdirectory('bpftools-help-').FullName
    try {
        New-HelpFromDocs -OutputPath $staging
        # module/en-US holds only generated help: it is replaced as a whole, so a removed page leaves nothing behind.
        if (Test-Path -LiteralPath $helpSource) {
            Remove-Item -LiteralPath $helpSource -Recurse -Force
        }
        $null = New-Item -ItemType Directory -Path $helpSource
        foreach ($file in Get-ChildItem -LiteralPath $staging -File) {
            Copy-Item -LiteralPath $file.FullName -Destination $helpSource
            Write-Host "help: $(Join-Path $helpSource $file.Name)"
        }
        # A module already built gets the new help too; the next build copies it there anyway.
        if (Test-Path -LiteralPath (Join-Path $moduleOut 'BpfTools.psd1')) {
            $builtHelp = Join-Path $moduleOut 'en-US'
            $null = New-Item -ItemType Directory -Path $builtHelp -Force
            Copy-Item -Path (Join-Path $helpSource '*') -Destination $builtHelp -Force
            Write-Host "help: copied into $builtHelp"
        }
    }
    finally {
        Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
    }
}

function Invoke-DocsCheckTask {
    $staging = [System.IO.Directory]::CreateTempSubdirectory('bpftools-help-check-').FullName
    try {
        New-HelpFromDocs -OutputPath $staging
        $fresh = @(Get-ChildItem -LiteralPath $staging -File)
        $committed = @(Get-ChildItem -LiteralPath $helpSource -File -ErrorAction Ignore)
        $stale = @(
            foreach ($file in $fresh) {
                $path = Join-Path $helpSource $file.Name
                if (-not [System.IO.File]::Exists($path)) {
                    "module/en-US/$($file.Name) is missing"
                }
                elseif ([System.IO.File]::ReadAllText($path).Replace("`r`n", "`n") -cne [System.IO.File]::ReadAllText($file.FullName)) {
                    "module/en-US/$($file.Name) differs from what docs/ gives"
                }
            }
            foreach ($file in $committed) {
                if ($fresh.Name -notcontains $file.Name) { "module/en-US/$($file.Name) comes from no page in docs/" }
            }
        )
        if ($stale.Count -gt 0) {
            Stop-WithList -Message 'module/en-US is stale against docs/: run ./build.ps1 -Task Docs and commit module/en-US' -List $stale
        }
        Write-Host "help: module/en-US is up to date with docs/ ($($fresh.Count) files)"
    }
    finally {
        Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
    }
}

function Invoke-PackageTask {
    # From a clean module folder, so nothing an older build left in out/BpfTools is shipped.
    Remove-Item -Recurse -Force -Path $moduleOut -ErrorAction Ignore
    Invoke-BuildTask -BuildConfiguration 'Release'

    # The gallery shows the release notes: this version's section of CHANGELOG.md, in the packaged manifest only.
    $manifest = Join-Path $moduleOut 'BpfTools.psd1'
    $version = (Import-PowerShellDataFile -Path $manifest).ModuleVersion
    Update-PSModuleManifest -Path $manifest -ReleaseNotes (Get-ReleaseNotes -Version $version)
    Test-ModuleManifest -Path $manifest -ErrorAction Stop | Out-Null

    # PSResourceGet publishes to a repository: a folder, registered for this call only.
    $packages = Join-Path $PSScriptRoot 'out' 'packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    Remove-Item -Path (Join-Path $packages "BpfTools.$version.nupkg") -ErrorAction Ignore
    $repository = 'BpfToolsBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Write-Host "package: $(Join-Path $packages "BpfTools.$version.nupkg")"
}

function Get-ReleaseNotes {
    # The section of CHANGELOG.md under "## <Version>", up to the next "## ".
    param([Parameter(Mandatory)] [string] $Version)

    $lines = Get-Content -Path (Join-Path $PSScriptRoot 'CHANGELOG.md')
    $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match "^## $([regex]::Escape($Version))\b" })
    if ($start -lt 0) {
        throw "CHANGELOG.md has no section for version $Version ('## $Version')."
    }
    $section = $lines[($start + 1)..($lines.Count - 1)]
    $end = [array]::FindIndex([string[]]$section, [Predicate[string]] { param($l) $l -match '^## ' })
    (($(if ($end -ge 0) { $section[0..($end - 1)] } else { $section })) -join "`n").Trim()
}

Push-Location $PSScriptRoot
try {
    foreach ($step in 'Docs', 'DocsCheck', 'Build', 'Test', 'Package') {
        if ($Task -notcontains $step) {
            continue
        }
        Write-Host "== $step" -ForegroundColor Green
        switch ($step) {
            'Docs' { Invoke-DocsTask }
            'DocsCheck' { Invoke-DocsCheckTask }
            'Build' { Invoke-BuildTask -BuildConfiguration $Configuration }
            'Test' { Invoke-TestTask }
            'Package' { Invoke-PackageTask }
        }
    }
}
finally {
    Pop-Location
}
