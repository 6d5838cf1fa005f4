<#
.SYNOPSIS
    Out-BpfReport through PowerShell and in real headless Chromium (driven through its DevTools protocol, which
    also logs every network request): a real Get-BpfExec run with a marker command, every replayed record kind,
    hosts side by side, the parameters an admin expects; and ConvertTo-BpfHeatMap on a real 20-second disk
    latency series (20+ s).
#>

BeforeDiscovery {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'Chromium.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $HasChromium = Test-Chromium
    $CanTraceExec = (Test-IsRoot) -and @(Get-BpfTool -Name execsnoop | Where-Object CanRun).Count -gt 0
    $CanTraceDisk = (Test-IsRoot) -and @(Get-BpfTool -Name biolatency | Where-Object CanRun).Count -gt 0
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'Chromium.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'ReplayedRecords.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Replayed = Get-ReplayedRecord
    # An attacker-controlled argument: markup that would run a script, or fetch from the network, were it not escaped.
    $Hostile = '<script>document.title="PWNED"</script><img src=//bpftools.invalid/x.png>'

    # Resource references in the page's markup (its tags: escaped text has no '<') and styles: src/href/... to
    # http(s) or protocol-relative URLs, <link>, CSS @import and url().
    function Get-ResourceReference([string] $Html) {
        foreach ($tag in [regex]::Matches($Html, '<[a-zA-Z][^>]*>') | ForEach-Object Value) {
            [regex]::Matches($tag, '(?i)\b(src|href|action|formaction|poster|srcset|data|background|xlink:href)\s*=\s*["'']?\s*(https?:|//|ftp:|wss?:)') | ForEach-Object Value
            if ($tag -match '^<link\b') { $tag }
        }
        foreach ($style in [regex]::Matches($Html, '(?s)<style>(.*?)</style>') | ForEach-Object { $_.Groups[1].Value }) {
            [regex]::Matches($style, '(?i)(@import|url\s*\()') | ForEach-Object Value
        }
    }
    function Get-Column($Session, [string] $Kind, [int] $Index) {
        Invoke-ChromiumScript $Session "Array.prototype.map.call(document.querySelectorAll('#kind-$Kind table.events tbody tr:not([hidden])'), function (r) { return r.cells[$Index].textContent; })"
    }
    function Start-Shell([string] $Script, [string[]] $Arguments = @()) {
        # sh -c with its arguments passed apart ($1, $2...), never re-split or re-quoted.
        $start = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($argument in @('-c', $Script, 'bpftools-report-workload') + $Arguments) { $start.ArgumentList.Add($argument) }
        [System.Diagnostics.Process]::Start($start)
    }
    function Copy-AsRemote([object[]] $Records, [string] $ComputerName) {
        # What Invoke-Command gives back: deserialized copies carrying PSComputerName.
        foreach ($copy in [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($Records, 3))) {
            $copy | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $ComputerName -PassThru
        }
    }
}

Describe 'Out-BpfReport' {
    It 'reports a real Get-BpfExec run: the marker in the top processes, a sortable and filterable table, nothing from the network' -Skip:(-not ($CanTraceExec -and $HasChromium)) {
        $marker = 'bpfrep' + (Get-Random -Minimum 100000 -Maximum 999999)
        $exe = Join-Path $TestDrive $marker
        Copy-Item -LiteralPath /bin/true -Destination $exe
        # After tracing has attached (within 3 s), the marker runs 60 times with the hostile argument: often enough
        # to be among the top processes of a host where others build and test at the same time.
        $workload = Start-Shell 'sleep 3; i=0; while [ $i -lt 60 ]; do i=$((i+1)); "$1" "$2" "$i"; done' $exe, $Hostile
        Push-Location $TestDrive
        try {
            # -Path is relative to PowerShell's location, not the process's working folder.
            [System.IO.Directory]::SetCurrentDirectory('/')
            # -MaxRows above the default: on this shared host, the first 1000 execs may all be others'.
            $file = Get-BpfExec -Duration 10 | Out-BpfReport -Path r.html -Title "exec $marker" -PassThru -MaxRows 50000
        }
        finally {
            Pop-Location
            $workload.WaitForExit()
        }
        $file.FullName | Should -Be (Join-Path $TestDrive 'r.html')
        $html = Get-Content -Raw -LiteralPath $file.FullName
        Get-ResourceReference '<p>a</p><img alt="x" src="//bpftools.invalid/y.png">' | Should -Be 'src="//'
        Get-ResourceReference $html | Should -BeNullOrEmpty
        $html | Should -Not -BeLike '*<script>document.title*'
        $html | Should -BeLike '*&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;&lt;img src=//bpftools.invalid*'

        $page = Open-ChromiumPage -Path $file.FullName
        try {
            Invoke-ChromiumScript $page 'document.documentElement.getAttribute("data-ready")' | Should -Be '1'
            Invoke-ChromiumScript $page 'document.title' | Should -Be "exec $marker"
            Invoke-ChromiumScript $page 'document.scripts.length' | Should -Be 1
            $top = Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('#kind-ExecEvent table.top td:first-child'), function (c) { return c.textContent; })"
            $top | Should -Contain $marker

            $columns = @(Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('#kind-ExecEvent table.events th'), function (c) { return c.textContent; })")
            $pidColumn = $columns.IndexOf('ProcessId')
            $pidColumn | Should -BeGreaterOrEqual 0
            $pids = @(Get-Column $page ExecEvent $pidColumn | ForEach-Object { [int]$_ })
            $pids.Count | Should -BeGreaterOrEqual 60
            # A mouse click on the header sorts up; Enter on the focused header sorts down.
            Send-ChromiumClick $page "#kind-ExecEvent table.events th:nth-child($($pidColumn + 1))"
            $up = @(Get-Column $page ExecEvent $pidColumn | ForEach-Object { [int]$_ })
            $up | Should -Be @($pids | Sort-Object)
            Send-ChromiumKey $page Enter 13
            $down = @(Get-Column $page ExecEvent $pidColumn | ForEach-Object { [int]$_ })
            $down | Should -Be @($pids | Sort-Object -Descending)

            Invoke-ChromiumScript $page "document.querySelector('#kind-ExecEvent input.filter').focus()"
            Send-ChromiumText $page $marker
            $shown = @(Get-Column $page ExecEvent ($columns.IndexOf('CommandLine')))
            $shown | Should -HaveCount 60
            $shown | ForEach-Object { $_ | Should -BeLike "*$marker $Hostile *" }
            Invoke-ChromiumScript $page "document.querySelector('#kind-ExecEvent .shown').textContent" | Should -Be "60 of $($pids.Count) rows shown"

            Get-ChromiumRequest $page | Where-Object { $_ -notmatch '^(file|data):' } | Should -BeNullOrEmpty
        }
        finally {
            Close-ChromiumPage $page
        }
    }

    It 'reports every replayed kind, lists unknown objects with a warning, and runs the flame graphs in their frames' -Skip:(-not $HasChromium) {
        $kinds = @($Replayed.Keys | Where-Object { $_ -ne 'HistogramBucket' })
        $path = Join-Path $TestDrive 'mixed.html'
        $kinds | ForEach-Object { $Replayed[$_] } | Select-Object -First 100000 |
            ForEach-Object { $_ } -End { [pscustomobject]@{ Name = 'not a record' }; 42 } |
            Out-BpfReport -Path $path -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -HaveCount 2
        $page = Open-ChromiumPage -Path $path
        try {
            $shown = @(Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('section.kind'), function (s) { return s.getAttribute('data-kind'); })")
            $shown | Sort-Object | Should -Be @($kinds | Sort-Object)
            @(Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('#unknown td:first-child'), function (c) { return c.textContent; })") |
                Sort-Object | Should -Be @('System.Int32', 'System.Management.Automation.PSCustomObject')
            # runqlat's -Interval series: a heat map and charts; the stack samples: flame graphs whose script ran.
            Invoke-ChromiumScript $page "document.querySelectorAll('#kind-BpfHistogram svg.heatmap g.col').length" |
                Should -Be @($Replayed['BpfHistogram'] | Select-Object Start -Unique).Count
            Invoke-ChromiumScript $page "document.querySelectorAll('#kind-BpfHistogram table.chart').length" | Should -BeGreaterThan 0
            Invoke-ChromiumScript $page "document.querySelectorAll('iframe.flame').length" | Should -Be 2
            $frames = Get-ChromiumContext $page | Where-Object Origin -ne 'file://' | ForEach-Object {
                try { Invoke-ChromiumScript $page 'document.documentElement.getAttribute("data-ready") + " " + document.querySelectorAll(".frame").length' -ContextId $_.Id } catch { }
            } | Where-Object { $_ -like '1 *' }
            $frames | Should -HaveCount 2
            Invoke-ChromiumScript $page "document.querySelector('#kind-ExecEvent table.errors').textContent" | Should -BeLike '*ENOENT*'
            Get-ChromiumRequest $page | Where-Object { $_ -notmatch '^(file|data):' } | Should -BeNullOrEmpty
        }
        finally {
            Close-ChromiumPage $page
        }
    }

    It 'puts hosts side by side when the records carry PSComputerName' -Skip:(-not $HasChromium) {
        $path = Join-Path $TestDrive 'hosts.html'
        @(Copy-AsRemote $Replayed['ExecEvent'] 'web01') + @(Copy-AsRemote $Replayed['ExecEvent'][0..2] 'web02') | Out-BpfReport -Path $path
        $page = Open-ChromiumPage -Path $path -Width 1400
        try {
            $boxes = Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('#kind-ExecEvent .host'), function (h) { var r = h.getBoundingClientRect(); return h.querySelector('h3').textContent + ' ' + h.querySelector('.records').textContent + ' ' + Math.round(r.top) + ' ' + Math.round(r.left); })"
            $boxes | Should -HaveCount 2
            $web01, $web02 = $boxes | ForEach-Object { , ($_ -split ' ') }
            $web01[0..1] | Should -Be @('web01', "$($Replayed['ExecEvent'].Count)")
            $web02[0..1] | Should -Be @('web02', '3')
            $web01[2] | Should -Be $web02[2]
            [int]$web02[3] | Should -BeGreaterThan ([int]$web01[3])
            Invoke-ChromiumScript $page "document.querySelector('#kind-ExecEvent table.events th').textContent" | Should -Be 'Host'
        }
        finally {
            Close-ChromiumPage $page
        }
    }

    It 'caps a table with a note saying how many rows were left out' {
        $path = Join-Path $TestDrive 'capped.html'
        $Replayed['ExecEvent'] | Out-BpfReport -Path $path -MaxRows 3
        $html = Get-Content -Raw -LiteralPath $path
        ([regex]::Match($html, '(?s)<table class="events">.*?</table>').Value -split '<tr><td').Count - 1 | Should -Be 3
        $left = $Replayed['ExecEvent'].Count - 3
        $html | Should -BeLike "*The table shows the first 3 of $($Replayed['ExecEvent'].Count) ExecEvent records: $left rows were left out*"
    }

    It '-Path completes files and folders of the current location' {
        Set-Content -LiteralPath (Join-Path $TestDrive 'completion-report.html') -Value ''
        Push-Location $TestDrive
        try {
            $line = 'Out-BpfReport -Path ./completion-r'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be './completion-report.html'
        }
        finally {
            Pop-Location
        }
    }

    It 'keeps an existing file with -NoClobber, overwrites a read-only one only with -Force, and refuses a missing folder' {
        $path = Join-Path $TestDrive 'exists.html'
        Set-Content -LiteralPath $path -Value 'before'
        { $Replayed['ExecEvent'] | Out-BpfReport -Path $path -NoClobber } | Should -Throw -ErrorId 'ReportFileExists,BpfTools.Commands.OutBpfReportCommand'
        Get-Content -LiteralPath $path | Should -Be 'before'
        Set-ItemProperty -LiteralPath $path -Name IsReadOnly -Value $true
        # Refused even for root, who could write it: as Out-File's -Force, only -Force overwrites a read-only file.
        { $Replayed['ExecEvent'] | Out-BpfReport -Path $path } | Should -Throw -ErrorId 'ReportWriteFailed,BpfTools.Commands.OutBpfReportCommand'
        Get-Content -LiteralPath $path | Should -Be 'before'
        $Replayed['ExecEvent'] | Out-BpfReport -Path $path -Force
        Get-Content -Raw -LiteralPath $path | Should -BeLike '<!DOCTYPE html>*'
        (Get-Item -LiteralPath $path).IsReadOnly | Should -BeTrue
        { $Replayed['ExecEvent'] | Out-BpfReport -Path (Join-Path $TestDrive 'no/such/folder.html') } | Should -Throw -ErrorId 'ReportPathInvalid,BpfTools.Commands.OutBpfReportCommand'
        { $Replayed['ExecEvent'] | Out-BpfReport -Path 'Env:/PATH' } | Should -Throw -ErrorId 'ReportPathInvalid,BpfTools.Commands.OutBpfReportCommand'
    }
}

Describe 'ConvertTo-BpfHeatMap on a real disk latency series' {
    It 'draws 20 columns for a 20-second -Interval 1 run under direct I/O, in Chromium' -Skip:(-not ($CanTraceDisk -and $HasChromium)) {
        $target = Join-Path $TestDrive 'direct-io.bin'
        # Direct writes and reads all through the run (and a little past it), so that every second has I/O.
        $workload = Start-Shell ('end=$(($(date +%s)+24)); while [ $(date +%s) -lt $end ]; do ' +
            'dd if=/dev/zero of="$1" bs=64k count=32 oflag=direct conv=notrunc status=none; dd if="$1" of=/dev/null bs=64k iflag=direct status=none; done') $target
        try {
            $series = @(Get-BpfDiskLatency -Interval 1 -Duration 20)
        }
        finally {
            $workload.WaitForExit()
        }
        $series | Should -HaveCount 20
        $svg = Join-Path $TestDrive 'disk.svg'
        $series | ConvertTo-BpfHeatMap -Path $svg
        $page = Open-ChromiumPage -Path $svg -Width 1000
        try {
            Invoke-ChromiumScript $page "document.querySelectorAll('g.col').length" | Should -Be 20
            Invoke-ChromiumScript $page "Array.prototype.filter.call(document.querySelectorAll('g.col'), function (g) { return g.querySelectorAll('rect.cell').length > 0; }).length" | Should -Be 20
            # Laid out by the browser: the columns side by side, left to right, none of zero width.
            $xs = @(Invoke-ChromiumScript $page "Array.prototype.map.call(document.querySelectorAll('g.col'), function (g) { var r = g.getBoundingClientRect(); return Math.round(r.left) + ' ' + Math.round(r.width); })")
            $lefts = $xs | ForEach-Object { [int]($_ -split ' ')[0] }
            $lefts | Should -Be @($lefts | Sort-Object)
            $xs | ForEach-Object { [int]($_ -split ' ')[1] | Should -BeGreaterThan 10 }
        }
        finally {
            Close-ChromiumPage $page
        }
    }
}
