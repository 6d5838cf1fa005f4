# One set of records of every type BpfTools emits, made the way users make them (the cmdlets, end to end) from
# stand-in tools replaying real tools' captured or published output: fast, deterministic, and independent of
# what this kernel can trace. The export and view tests check every type against these.

Set-StrictMode -Version Latest

# Type, the stand-in's name, the output it replays (under tests/fixtures), and the command that reads it.
$script:Replays = @(
    @{ Type = 'ExecEvent'; Tool = 'execsnoop'; Fixture = 'captured/execsnoop-libbpf-xtUq.txt'; Command = { Get-BpfExec -Backend Libbpf -Duration 1 } }
    @{ Type = 'OpenEvent'; Tool = 'opensnoop'; Fixture = 'captured/opensnoop-libbpf-TUe.txt'; Command = {
            # The capture holds a path with a newline, which opensnoop's text cannot carry: one UnparsableOutput error, by design.
            Get-BpfOpen -Backend Libbpf -Duration 1 -ErrorAction SilentlyContinue } }
    @{ Type = 'ProcessExitEvent'; Tool = 'exitsnoop'; Fixture = 'captured/exitsnoop-libbpf-t.txt'; Command = { Get-BpfProcessExit -Backend Libbpf -Duration 1 } }
    @{ Type = 'SignalEvent'; Tool = 'killsnoop'; Fixture = 'captured/killsnoop-libbpf.txt'; Command = { Get-BpfSignal -KillOnly -Backend Libbpf -Duration 1 } }
    @{ Type = 'MountEvent'; Tool = 'mountsnoop'; Fixture = 'captured/mountsnoop-libbpf-t.txt'; Command = { Get-BpfMount -Backend Libbpf -Duration 1 } }
    @{ Type = 'OomKillEvent'; Tool = 'oomkill-bpfcc'; Fixture = 'bcc-examples/oomkill.txt'; Command = { Get-BpfOomKill -Backend Bcc -Duration 1 } }
    @{ Type = 'DirectReclaimEvent'; Tool = 'drsnoop-bpfcc'; Fixture = 'bcc-examples/drsnoop.txt'; Command = { Get-BpfDirectReclaim -Backend Bcc -Duration 1 } }
    @{ Type = 'DiskIoEvent'; Tool = 'biosnoop'; Fixture = 'bcc-examples/biosnoop.txt'; Command = { Get-BpfDiskIo -Backend Libbpf -Duration 1 } }
    @{ Type = 'DiskPatternSample'; Tool = 'biopattern'; Fixture = 'captured/biopattern-libbpf-T-i1-c3.txt'; Command = { Get-BpfDiskPattern -Backend Libbpf -Interval 1 -Duration 1 } }
    @{ Type = 'SlowFileOperationEvent'; Tool = 'ext4slower-bpfcc'; Fixture = 'bcc-examples/ext4slower.txt'; Command = { Get-BpfSlowFileOperation ext4 -Backend Bcc -Duration 1 } }
    @{ Type = 'TcpSessionEvent'; Tool = 'tcplife'; Fixture = 'captured/tcplife-libbpf-T.txt'; Command = { Get-BpfTcpSession -Backend Libbpf -Duration 1 } }
    @{ Type = 'TcpStateChangeEvent'; Tool = 'tcpstates'; Fixture = 'captured/tcpstates-libbpf-Tw.txt'; Command = { Get-BpfTcpStateChange -Backend Libbpf -Duration 1 } }
    @{ Type = 'TcpConnectEvent'; Tool = 'tcpconnlat'; Fixture = 'published/tcpconnlat-L-bcc-pr3316.txt'; Command = { Get-BpfTcpConnect -Latency -Backend Libbpf -Duration 1 } }
    @{ Type = 'TcpRetransmitEvent'; Tool = 'tcpretrans-bpfcc'; Fixture = 'bcc-examples/tcpretrans.txt'; Command = { Get-BpfTcpRetransmit -Backend Bcc -Duration 1 } }
    @{ Type = 'RunQueueDelayEvent'; Tool = 'runqslower'; Fixture = 'captured/runqslower-libbpf-P-100.txt'; Command = { Get-BpfRunQueueDelay 100 -Backend Libbpf -Duration 1 } }
    @{ Type = 'BpfHistogram'; Tool = 'runqlat'; Fixture = 'captured/runqlat-libbpf-PT-interval.txt'; Command = { Get-BpfRunQueueLatency -Backend Libbpf -PerProcess -Interval 1 -Duration 1 -NoClockAlignment } }
    @{ Type = 'CacheStatSample'; Tool = 'cachestat-bpfcc'; Fixture = 'bcc-examples/cachestat.txt'; Command = { Get-BpfCacheStat -Backend Bcc -Duration 1 } }
    @{ Type = 'BpfTraceMapEntry'; Tool = 'bpftrace'; Fixture = 'captured/bpftrace-program-kinds.json'; Command = {
            Invoke-BpfTrace -Program 'BEGIN {}' -Duration 1 | Where-Object { $_ -is [BpfTools.Records.BpfTraceMapEntry] } } }
    @{ Type = 'CpuStackSample'; Tool = 'profile-bpfcc'; Fixture = 'bcc-examples/profile-folded-annotated.txt'; Command = { Get-BpfCpuProfile -Backend Bcc -Duration 1 } }
    @{ Type = 'OffCpuStackSample'; Tool = 'offcputime'; Fixture = 'captured/offcputime-libbpf-p-2.txt'; Command = { Get-BpfOffCpuTime -Backend Libbpf -Duration 1 } }
    @{ Type = 'InterruptTimeSample'; Tool = 'softirqs'; Fixture = 'captured/softirqs-libbpf-NT-i1-c2.txt'; Command = { Get-BpfInterruptTime -Kind Soft -Backend Libbpf -Interval 1 -Duration 1 } }
    @{ Type = 'SyscallSummary'; Tool = 'syscount'; Fixture = 'captured/syscount-libbpf-LP-i1-d3.txt'; Command = { Get-BpfSyscall -Backend Libbpf -Latency -PerProcess -Interval 1 -Duration 1 } }
)

function Get-ReplayedRecord {
    <#
    .SYNOPSIS
        A hashtable from record type name (ExecEvent, ...) to the records the cmdlets read from the replays, plus
        HistogramBucket (the histograms' buckets) and BpfToolInfo (Get-BpfTool). Throws when a replay gives nothing.
    #>
    [OutputType([hashtable])]
    param()

    $saved = @{}
    foreach ($name in 'BPFTOOLS_PATH', 'BPFTOOLS_ASSUME_KPROBES', 'BPFTOOLS_ASSUME_KERNEL_HEADERS') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $folder = New-StandInFolder
    try {
        # The kprobe tools' stand-ins pass the capability check on a kernel without kprobes; they replay, never attach.
        $env:BPFTOOLS_ASSUME_KPROBES = '1'
        $env:BPFTOOLS_ASSUME_KERNEL_HEADERS = '1'
        $records = @{}
        foreach ($replay in $script:Replays) {
            Set-StandInReplay -Folder $folder -Name $replay.Tool -StdoutFile (Get-FixturePath $replay.Fixture) | Out-Null
            $records[$replay.Type] = @(& $replay.Command)
            if ($records[$replay.Type].Count -lt 2) {
                throw "The $($replay.Tool) replay of $($replay.Fixture) gave $($records[$replay.Type].Count) $($replay.Type) records."
            }
        }
        $records['HistogramBucket'] = @($records['BpfHistogram'] | ForEach-Object Buckets)
        $records['BpfToolInfo'] = @(Get-BpfTool)
        $records
    }
    finally {
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
        Remove-StandInFolder -Folder $folder
    }
}

Export-ModuleMember -Function 'Get-ReplayedRecord'
