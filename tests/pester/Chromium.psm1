# Headless Chromium driven through its DevTools protocol, for the report tests: open a file, run script in it,
# press keys and type as a person would, and list every network request the page made (Network.requestWillBeSent).

Set-StrictMode -Version Latest

function Test-Chromium {
    <# .SYNOPSIS True when Debian's chromium is installed. #>
    [OutputType([bool])]
    param()
    Test-Path -LiteralPath '/usr/bin/chromium'
}

function Open-ChromiumPage {
    <#
    .SYNOPSIS
        Starts headless Chromium (its own profile), enables network logging, loads the file and waits for its load
        event. Returns the session for Invoke-ChromiumScript, Send-ChromiumKey, Get-ChromiumRequest, Close-ChromiumPage.
    #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 1400, [int] $Height = 1000)

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $profileDir = [System.IO.Directory]::CreateTempSubdirectory('bpftools-cdp-').FullName
    $start = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/chromium')
    foreach ($a in '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', "--user-data-dir=$profileDir",
        "--remote-debugging-port=$port", "--window-size=$Width,$Height", 'about:blank') {
        $start.ArgumentList.Add($a)
    }
    $start.RedirectStandardError = $true
    $start.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $null = $process.StandardError.ReadToEndAsync(), $process.StandardOutput.ReadToEndAsync()
    $session = [pscustomobject]@{ Process = $process; Socket = $null; Events = [System.Collections.Generic.List[object]]::new(); Id = 0; Profile = $profileDir }
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        $page = $null
        while (-not $page -and [DateTime]::UtcNow -lt $deadline) {
            try {
                $page = @(Invoke-RestMethod -Uri "http://127.0.0.1:$port/json/list" -NoProxy) | ForEach-Object { $_ } |
                    Where-Object { $_ -is [psobject] -and $_.PSObject.Properties['type'] -and $_.type -eq 'page' } | Select-Object -First 1
            }
            catch { Start-Sleep -Milliseconds 200 }
        }
        if (-not $page) { throw "chromium opened no DevTools page on port $port within 30 s" }
        $session.Socket = [System.Net.WebSockets.ClientWebSocket]::new()
        $null = $session.Socket.ConnectAsync([uri]$page.webSocketDebuggerUrl, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        foreach ($domain in 'Network', 'Page', 'Runtime') { $null = Send-Cdp $session "$domain.enable" @{} }
        $null = Send-Cdp $session 'Page.navigate' @{ url = [uri]::new("file://" + [System.IO.Path]::GetFullPath($Path)).AbsoluteUri }
        $null = Wait-CdpEvent $session 'Page.loadEventFired' 30
        $session
    }
    catch {
        Close-ChromiumPage $session
        throw
    }
}

function Receive-Cdp($Session, [int] $TimeoutSeconds) {
    $buffer = [byte[]]::new(1MB)
    $text = [System.Text.StringBuilder]::new()
    $cancel = [Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds($TimeoutSeconds))
    do {
        $result = $Session.Socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $cancel.Token).GetAwaiter().GetResult()
        $null = $text.Append([System.Text.Encoding]::UTF8.GetString($buffer, 0, $result.Count))
    } while (-not $result.EndOfMessage)
    $text.ToString() | ConvertFrom-Json
}

function Send-Cdp($Session, [string] $Method, [hashtable] $Params) {
    $Session.Id++
    $json = @{ id = $Session.Id; method = $Method; params = $Params } | ConvertTo-Json -Depth 10 -Compress
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($json)
    $null = $Session.Socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    while ($true) {
        $message = Receive-Cdp $Session 30
        if ($message.PSObject.Properties['id'] -and $message.id -eq $Session.Id) {
            if ($message.PSObject.Properties['error']) { throw "$Method failed: $($message.error.message)" }
            return $message.result
        }
        $Session.Events.Add($message)
    }
}

function Wait-CdpEvent($Session, [string] $Method, [int] $TimeoutSeconds) {
    $seen = $Session.Events | Where-Object { $_.PSObject.Properties['method'] -and $_.method -eq $Method } | Select-Object -First 1
    while (-not $seen) {
        $message = Receive-Cdp $Session $TimeoutSeconds
        $Session.Events.Add($message)
        if ($message.PSObject.Properties['method'] -and $message.method -eq $Method) { $seen = $message }
    }
    $seen
}

function Invoke-ChromiumScript {
    <# .SYNOPSIS The value of a JavaScript expression evaluated in the page (or in the execution context given). #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Expression, [int] $ContextId)
    $params = @{ expression = $Expression; returnByValue = $true }
    if ($ContextId) { $params.contextId = $ContextId }
    $result = Send-Cdp $Session 'Runtime.evaluate' $params
    if ($result.PSObject.Properties['exceptionDetails']) { throw "script failed: $($result.exceptionDetails.text) $($result.exceptionDetails.exception.description)" }
    if ($result.result.PSObject.Properties['value']) { $result.result.value }
}

function Send-ChromiumKey {
    <# .SYNOPSIS Presses a key (Enter, Tab...) as the keyboard would, on whatever has the focus. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Key, [int] $Code)
    foreach ($type in 'rawKeyDown', 'keyUp') {
        $null = Send-Cdp $Session 'Input.dispatchKeyEvent' @{ type = $type; key = $Key; code = $Key; windowsVirtualKeyCode = $Code }
    }
}

function Send-ChromiumClick {
    <# .SYNOPSIS Clicks the middle of the first element the CSS selector finds, with the mouse, after scrolling it into view. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Selector)
    $box = Invoke-ChromiumScript $Session "(function(){var e=document.querySelector($(ConvertTo-Json $Selector));e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];})()"
    foreach ($type in 'mousePressed', 'mouseReleased') {
        $null = Send-Cdp $Session 'Input.dispatchMouseEvent' @{ type = $type; x = $box[0]; y = $box[1]; button = 'left'; clickCount = 1 }
    }
}

function Send-ChromiumText {
    <# .SYNOPSIS Types text into whatever has the focus, as an input method would (an input event follows). #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Text)
    $null = Send-Cdp $Session 'Input.insertText' @{ text = $Text }
}

function Get-ChromiumRequest {
    <# .SYNOPSIS The URL of every request the page made so far (the file itself included). #>
    param([Parameter(Mandatory)] $Session)
    # Drain what has arrived: a request made by a script appears as an event before the next answer.
    $null = Send-Cdp $Session 'Runtime.evaluate' @{ expression = '1' }
    $Session.Events | Where-Object { $_.PSObject.Properties['method'] -and $_.method -eq 'Network.requestWillBeSent' } | ForEach-Object { $_.params.request.url }
}

function Get-ChromiumContext {
    <# .SYNOPSIS The execution contexts of the page's frames (iframes included): id, origin, frame id. #>
    param([Parameter(Mandatory)] $Session)
    $null = Send-Cdp $Session 'Runtime.evaluate' @{ expression = '1' }
    $Session.Events | Where-Object { $_.PSObject.Properties['method'] -and $_.method -eq 'Runtime.executionContextCreated' } |
        ForEach-Object { [pscustomobject]@{ Id = $_.params.context.id; Origin = $_.params.context.origin; FrameId = $_.params.context.auxData.frameId; Default = $_.params.context.auxData.isDefault } }
}

function Close-ChromiumPage {
    <# .SYNOPSIS Ends the session's Chromium (its process tree) and deletes its profile. #>
    param([Parameter(Mandatory)] $Session)
    if ($Session.Socket) { $Session.Socket.Dispose() }
    if (-not $Session.Process.HasExited) { $Session.Process.Kill($true) }
    $null = $Session.Process.WaitForExit(10000)
    Remove-Item -LiteralPath $Session.Profile -Recurse -Force -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function Test-Chromium, Open-ChromiumPage, Invoke-ChromiumScript, Send-ChromiumKey, Send-ChromiumClick, Send-ChromiumText, Get-ChromiumRequest, Get-ChromiumContext, Close-ChromiumPage
