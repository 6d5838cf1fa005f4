<#
.SYNOPSIS
    Every record type through the reports admins make: Export-Csv/Import-Csv and ConvertTo-Json/ConvertFrom-Json.
    No value may come out as a type name, lists must stay readable, and times precise to the microsecond.
    The records come from stand-ins replaying real tools' output through the cmdlets (ReplayedRecords.psm1).
#>

BeforeDiscovery {
    $RecordTypes = @(
        'ExecEvent', 'OpenEvent', 'ProcessExitEvent', 'MountEvent', 'SignalEvent', 'OomKillEvent', 'DirectReclaimEvent', 'DiskIoEvent', 'SlowFileOperationEvent', 'TcpSessionEvent', 'TcpStateChangeEvent', 'TcpConnectEvent', 'TcpRetransmitEvent', 'RunQueueDelayEvent'
        'BpfHistogram', 'HistogramBucket', 'CacheStatSample', 'CpuStackSample', 'InterruptTimeSample', 'BpfToolInfo'
    ) | ForEach-Object { @{ Type = $_ } }
    # Each type's list properties, and each type's time as text: Time for events, Window for what covers a span.
    $ListCases = @(
        @{ Type = 'ExecEvent'; Property = 'Arguments' }
        @{ Type = 'CpuStackSample'; Property = 'KernelStack' }
        @{ Type = 'CpuStackSample'; Property = 'UserStack' }
        @{ Type = 'BpfHistogram'; Property = 'Buckets' }
    )
    $TimeCases = @(
        'ExecEvent', 'OpenEvent', 'ProcessExitEvent', 'MountEvent', 'SignalEvent', 'OomKillEvent', 'DirectReclaimEvent', 'DiskIoEvent', 'SlowFileOperationEvent', 'TcpSessionEvent', 'TcpStateChangeEvent', 'TcpConnectEvent', 'TcpRetransmitEvent', 'RunQueueDelayEvent', 'CacheStatSample'
    ) | ForEach-Object { @{ Type = $_; Text = 'Time'; Time = 'Timestamp' } }
    $TimeCases += @('BpfHistogram', 'HistogramBucket', 'CpuStackSample', 'InterruptTimeSample') | ForEach-Object { @{ Type = $_; Text = 'Window'; Time = 'Start' } }
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'ReplayedRecords.psm1')) -Force
    Import-Module (Get-BpfToolsManifest) -Force
    $Records = Get-ReplayedRecord

    # ISO 8601 to the microsecond with the UTC offset, as Time and each end of Window are written.
    $IsoTime = '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d'
}

Describe 'Export-Csv and Import-Csv of <Type>' -ForEach $RecordTypes {
    BeforeAll {
        $live = $Records[$Type]
        $csv = [System.IO.Path]::Combine($TestDrive, "$Type.csv")
        $live | Export-Csv -Path $csv
        $back = @(Import-Csv -Path $csv)
    }

    It 'keeps every record, with every property as a column' {
        $back | Should -HaveCount $live.Count
        @($back[0].PSObject.Properties.Name) | Should -Be @($live[0].PSObject.Properties.Name)
    }

    It 'writes no value as a type name' {
        $typeNames = @(foreach ($row in $back) {
                foreach ($property in $row.PSObject.Properties) {
                    if (Test-IsTypeName $property.Value) { "$($property.Name)=$($property.Value)" }
                }
            })
        $typeNames | Should -BeNullOrEmpty
    }

    It 'writes each value as the record shows it as text' {
        for ($i = 0; $i -lt $live.Count; $i++) {
            foreach ($property in $live[$i].PSObject.Properties) {
                if ($property.Value -is [datetime]) {
                    continue  # Whole seconds in the current culture; the text time columns are checked below.
                }
                # ToString(), not "$value": PowerShell would join a list's items with spaces itself.
                $text = if ($null -eq $property.Value) { '' } else { $property.Value.ToString() }
                $back[$i].($property.Name) | Should -BeExactly $text -Because "$Type[$i].$($property.Name)"
            }
        }
    }
}

Describe 'The list property <Type>.<Property> in reports' -ForEach $ListCases {
    BeforeAll {
        $live = @($Records[$Type] | Where-Object { $_.$Property.Count -gt 1 })
        $csv = [System.IO.Path]::Combine($TestDrive, "$Type-$Property.csv")
        $live | Export-Csv -Path $csv
        $back = @(Import-Csv -Path $csv)
        $json = @($live | ConvertTo-Json -Depth 4 | ConvertFrom-Json)
    }

    It 'is a list of several items in the replayed records' {
        $live.Count | Should -BeGreaterThan 0
        , $live[0].$Property | Should -BeOfType ([System.Collections.IList])
    }

    It 'reads in the CSV as its items, in order' {
        for ($i = 0; $i -lt $live.Count; $i++) {
            $text = $back[$i].$Property
            $at = 0
            foreach ($item in $live[$i].$Property) {
                $found = $text.IndexOf("$item".Trim("'"), $at, [StringComparison]::Ordinal)
                $found | Should -BeGreaterOrEqual 0 -Because "item '$item' of $Type[$i].$Property should be in '$text' after position $at"
                $at = $found
            }
        }
    }

    It 'comes back from JSON as a list of the same items' {
        for ($i = 0; $i -lt $live.Count; $i++) {
            $items = @($json[$i].$Property)
            $items | Should -HaveCount $live[$i].$Property.Count
            if ($Property -ne 'Buckets') {
                $items | Should -Be @($live[$i].$Property)
            }
            else {
                @($items.Count) | Should -Be @($live[$i].$Property.Count)
                @($items | ForEach-Object Count) | Should -Be @($live[$i].$Property | ForEach-Object Count)
            }
        }
    }
}

Describe 'Time in reports of <Type>' -ForEach $TimeCases {
    BeforeAll {
        $live = $Records[$Type]
        $csv = [System.IO.Path]::Combine($TestDrive, "$Type-time.csv")
        $live | Export-Csv -Path $csv
        $back = @(Import-Csv -Path $csv)
        $json = @($live | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json)
    }

    It 'keeps <Time> a DateTime on the live record, for Where-Object and Sort-Object' {
        $live[0].$Time | Should -BeOfType ([datetime])
        @($live | Where-Object $Time -gt $live[0].$Time.AddTicks(-1)).Count | Should -BeGreaterThan 0
    }

    It 'writes <Text> in the CSV as ISO 8601 to the microsecond, equal to <Time>' {
        $pattern = if ($Text -eq 'Window') { "^$IsoTime/$IsoTime$" } else { "^$IsoTime$" }
        for ($i = 0; $i -lt $live.Count; $i++) {
            $back[$i].$Text | Should -Match $pattern
            $written = [datetimeoffset]::Parse(($back[$i].$Text -split '/')[0], [cultureinfo]::InvariantCulture)
            [math]::Abs(($written.LocalDateTime - $live[$i].$Time).Ticks) | Should -BeLessThan 10 -Because 'one microsecond is 10 ticks'
        }
    }

    It 'sorts the CSV rows by <Text> as text in the order of <Time>' {
        $byText = @($back | Sort-Object -Property $Text -Stable | ForEach-Object $Text)
        $byTime = @($live | Sort-Object -Property $Time -Stable | ForEach-Object $Text)
        $byText | Should -Be $byTime
    }

    It 'keeps <Time> exact through ConvertTo-Json and ConvertFrom-Json' {
        for ($i = 0; $i -lt $live.Count; $i++) {
            $json[$i].$Time | Should -BeOfType ([datetime])
            $json[$i].$Time.ToUniversalTime() | Should -Be $live[$i].$Time.ToUniversalTime()
        }
    }
}

Describe 'ConvertTo-Json of <Type>' -ForEach $RecordTypes {
    It 'writes no value as a type name, at any depth' {
        $json = $Records[$Type] | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $strings = [regex]::Matches($json, '"(?:[^"\\]|\\.)*"') | ForEach-Object { $_.Value.Trim('"') }
        @($strings | Where-Object { Test-IsTypeName $_ }) | Should -BeNullOrEmpty
    }
}
