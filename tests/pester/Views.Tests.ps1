<#
.SYNOPSIS
    The default views as a user sees them at 80 and at 200 columns: each table shows the columns bcc's own tool
    prints, whole, and the values of the records; Format-List shows every property. Records come from stand-ins
    replaying real tools' output through the cmdlets (ReplayedRecords.psm1).
#>

BeforeDiscovery {
    # The columns of each table view: the tool's own, in its order (ERRNO, QUE(ms) and the like are BpfTools'),
    # and the properties whose values the first row shows as they are, in this order.
    $Tables = @(
        @{ Type = 'ExecEvent'; Columns = 'TIME', 'UID', 'PCOMM', 'PID', 'PPID', 'RET', 'ERRNO', 'ARGS'; Row = 'Uid', 'ProcessName', 'ProcessId', 'ParentProcessId', 'Ret' }
        @{ Type = 'OpenEvent'; Columns = 'TIME', 'UID', 'PID', 'COMM', 'FD', 'ERR', 'FLAGS', 'PATH'; Row = 'Uid', 'ProcessId', 'ProcessName', 'Fd' }
        @{ Type = 'ProcessExitEvent'; Columns = 'TIME', 'PCOMM', 'PID', 'PPID', 'TID', 'AGE(s)', 'EXIT_CODE'; Row = 'ProcessName', 'ProcessId', 'ParentProcessId', 'ThreadId' }
        @{ Type = 'SignalEvent'; Columns = 'TIME', 'PID', 'COMM', 'SIG', 'TPID', 'RESULT'; Row = 'SenderProcessId', 'SenderName', 'Signal', 'TargetProcessId' }
        @{ Type = 'MountEvent'; Columns = 'TIME', 'COMM', 'PID', 'MNT_NS', 'CALL'; Row = 'ProcessName', 'ProcessId', 'MountNamespace' }
        @{ Type = 'OomKillEvent'; Columns = 'TIME', 'TPID', 'TRIGGER', 'PID', 'KILLED', 'PAGES', 'RSS_KB'; Row = 'TriggerProcessId', 'TriggerName', 'ProcessId', 'ProcessName', 'TotalPages' }
        @{ Type = 'DirectReclaimEvent'; Columns = 'TIME', 'COMM', 'PID', 'TID', 'LAT(ms)', 'PAGES'; Row = 'ProcessName', 'ProcessId', 'Pages' }
        @{ Type = 'DiskIoEvent'; Columns = 'TIME', 'COMM', 'PID', 'DISK', 'T', 'SECTOR', 'BYTES', 'QUE(ms)', 'LAT(ms)'; Row = 'ProcessName', 'ProcessId', 'Disk', 'Rwbs', 'Sector', 'Bytes' }
        @{ Type = 'DiskPatternSample'; Columns = 'TIME', 'DISK', '%RND', '%SEQ', 'COUNT', 'BYTES'; Row = 'Disk', 'RandomPercent', 'SequentialPercent', 'Count', 'Bytes' }
        @{ Type = 'SlowFileOperationEvent'; Columns = 'TIME', 'COMM', 'PID', 'T', 'BYTES', 'OFF_KB', 'LAT(ms)', 'FILENAME'; Row = 'ProcessName', 'ProcessId', 'Bytes', 'FileName' }
        @{ Type = 'TcpSessionEvent'; Columns = 'PID', 'COMM', 'LADDR', 'LPORT', 'RADDR', 'RPORT', 'TX_KB', 'RX_KB', 'MS'; Row = 'ProcessId', 'ProcessName', 'LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort' }
        @{ Type = 'TcpStateChangeEvent'; Columns = 'PID', 'COMM', 'LPORT', 'RADDR', 'RPORT', 'OLDSTATE', '->', 'NEWSTATE', 'MS'; Row = 'ProcessId', 'ProcessName', 'LocalPort', 'RemoteAddress', 'RemotePort' }
        @{ Type = 'TcpConnectEvent'; Columns = 'PID', 'COMM', 'DIR', 'IP', 'LADDR', 'LPORT', 'RADDR', 'RPORT', 'LAT(ms)'; Row = 'ProcessId', 'ProcessName', 'LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort' }
        @{ Type = 'TcpRetransmitEvent'; Columns = 'TIME', 'PID', 'IP', 'LADDR:LPORT', 'T>', 'RADDR:RPORT', 'STATE'; Row = 'ProcessId', 'State' }
        @{ Type = 'RunQueueDelayEvent'; Columns = 'TIME', 'COMM', 'TID', 'LAT(us)', 'PREV COMM', 'PREV TID'; Row = 'ProcessName', 'ThreadId' }
        @{ Type = 'CacheStatSample'; Columns = 'TIME', 'HITS', 'MISSES', 'DIRTIES', 'HITRATIO', 'BUFFERS_MB', 'CACHED_MB'; Row = 'Hits', 'Misses', 'Dirties' }
        @{ Type = 'BpfTraceMapEntry'; Columns = 'TIME', 'MAP', 'VALUE', 'KEY'; Row = 'MapName', 'Value', 'Key' }
        @{ Type = 'CpuStackSample'; Columns = 'COUNT', 'COMM', 'PID', 'STACK'; Row = 'Count', 'ProcessName', 'ProcessId' }
        @{ Type = 'OffCpuStackSample'; Columns = 'TOTAL(us)', 'COMM', 'TID', 'STACK'; Row = 'ProcessName', 'ThreadId' }
        @{ Type = 'SyscallSummary'; Columns = 'END', 'PID', 'NAME', 'COUNT', 'ERRORS', 'TIME (us)', 'AVG (us)'; Row = 'ProcessId', 'ProcessName', 'Count' }
        @{ Type = 'InterruptTimeSample'; Columns = 'TIME', 'KIND', 'IRQ', 'TOTAL_usecs', 'COUNT'; Row = 'Kind', 'Name' }
        @{ Type = 'BpfHistogram'; Columns = 'Tool', 'Key', 'End', 'Count', 'P50', 'P90', 'P99', 'Max', 'Unit'; Row = 'Tool', 'Key', 'Count', 'Max', 'Unit' }
        @{ Type = 'HistogramBucket'; Columns = 'Tool', 'Key', 'End', 'Low', 'High', 'Unit', 'Count'; Row = 'Tool', 'Key', 'Low', 'High', 'Unit', 'Count' }
        @{ Type = 'BpfToolInfo'; Columns = 'Tool', 'Cmdlet', 'Backend', 'CanRun', 'Reason'; Row = 'Tool', 'Cmdlet', 'Backend', 'CanRun' }
    )
    $Cases = foreach ($table in $Tables) {
        foreach ($width in 80, 200) {
            $table + @{ Width = $width }
        }
    }
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'ReplayedRecords.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Records = Get-ReplayedRecord
}

Describe 'The table view of <Type> at <Width> columns' -ForEach $Cases {
    BeforeAll {
        $lines = @(($Records[$Type] | Select-Object -First 5 | Format-Table | Out-String -Width $Width) -split "`n" | ForEach-Object TrimEnd)
        $header = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
    }

    It 'has every column, whole, in order, on one header line' {
        $at = 0
        foreach ($column in $Columns) {
            $match = [regex]::Match($header.Substring($at), "(?<=^|\s)$([regex]::Escape($column))(?=\s|$)")
            $match.Success | Should -BeTrue -Because "column $column should follow position $at in '$header'"
            $at += $match.Index + $match.Length
        }
    }

    It 'fits in <Width> columns' {
        @($lines | Where-Object Length -gt $Width) | Should -BeNullOrEmpty
    }

    It 'shows the first record''s values in its first row: <Row>' {
        $dashes = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($line) $line -match '^\s*-+(\s+-+)*\s*$' })
        $row = $lines[$dashes + 1]
        $at = 0
        foreach ($property in $Row) {
            $value = "$($Records[$Type][0].$property)"
            $match = [regex]::Match($row.Substring($at), "(?<=^|\s)$([regex]::Escape($value))(?=\s|$)")
            $match.Success | Should -BeTrue -Because "$property '$value' should follow position $at in '$row'"
            $at += $match.Index + $match.Length
        }
    }
}

Describe 'The default view of a histogram' {
    It 'is bcc''s chart, with the key and each bucket''s bar' {
        $histogram = $Records['BpfHistogram'] | Where-Object Count -gt 0 | Select-Object -First 1
        $text = $histogram | Out-String -Width 80
        $text | Should -Match "pid = $([regex]::Escape($histogram.Key))"
        $text | Should -Match '\s+usecs\s+: count\s+distribution'
        foreach ($bucket in $histogram.Buckets) {
            $text | Should -Match "\s$($bucket.Low) -> $($bucket.High)\s+: $($bucket.Count)\s+\|\**\s*\|"
        }
    }

    It 'fits 80 columns with a long key: the figures are on their own line' {
        $histogram = $Records['BpfHistogram'] | Where-Object Count -gt 0 | Select-Object -First 1
        $histogram.Key = 'a process with a rather long name'
        $lines = ($histogram | Out-String -Width 80) -split '\r?\n' | Where-Object { $_ }
        $lines[0] | Should -Match "^runqlat\s+pid = a process with a rather long name\s+\d\d:\d\d:\d\d\.\d{3} - \d\d:\d\d:\d\d\.\d{3}$"
        $lines[1] | Should -Match "^count $($histogram.Count)\s+p50 [\d.]+\s+p99 [\d.]+\s+max $($histogram.Max) usecs$"
        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
    }
}

Describe 'The default view of a histogram that came back over remoting' {
    It 'is the same chart as the live histogram''s' {
        $histogram = $Records['BpfHistogram'] | Where-Object Count -gt 0 | Select-Object -First 1
        # Depth 2, as remoting uses for histograms (BpfTools.Types.ps1xml): the buckets come back as objects.
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($histogram, 2))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.BpfTools.Records.BpfHistogram'
        ($copy | Out-String -Width 80) | Should -BeExactly ($histogram | Out-String -Width 80)
    }
}

Describe 'Format-List of <Type>' -ForEach $Tables {
    It 'shows every property by name' {
        $text = $Records[$Type][0] | Format-List | Out-String -Width 80
        foreach ($name in $Records[$Type][0].PSObject.Properties.Name) {
            $text | Should -Match "(?m)^$name\s+:" -Because "Format-List should show $name"
        }
    }
}
