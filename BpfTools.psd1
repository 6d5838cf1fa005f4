@{
    RootModule           = 'BpfTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5c0f7e52-3f0e-4c43-9f0a-6b2f5e1d7a41'
    Author               = 'BpfTools contributors'
    CompanyName          = 'BpfTools'
    Copyright            = '(c) BpfTools contributors. Apache-2.0.'
    Description          = 'eBPF tracing on Linux as typed PowerShell objects: runs the installed bcc libbpf-tools, bcc tools and bpftrace for a short while and streams what they see (exec, open, disk I/O, TCP, latency histograms, CPU profiles) as events and histograms to filter, group, export and merge across hosts.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @(
        'BpfHistogram.Format.ps1xml'
        'BpfToolInfo.Format.ps1xml'
        'BpfTraceMapEntry.Format.ps1xml'
        'CacheStatSample.Format.ps1xml'
        'CpuStackSample.Format.ps1xml'
        'DirectReclaimEvent.Format.ps1xml'
        'DiskIoEvent.Format.ps1xml'
        'DiskPatternSample.Format.ps1xml'
        'ExecEvent.Format.ps1xml'
        'InterruptTimeSample.Format.ps1xml'
        'OpenEvent.Format.ps1xml'
        'MountEvent.Format.ps1xml'
        'OffCpuStackSample.Format.ps1xml'
        'OomKillEvent.Format.ps1xml'
        'ProcessExitEvent.Format.ps1xml'
        'RunQueueDelayEvent.Format.ps1xml'
        'SignalEvent.Format.ps1xml'
        'SlowFileOperationEvent.Format.ps1xml'
        'SyscallSummary.Format.ps1xml'
        'TcpConnectEvent.Format.ps1xml'
        'TcpRetransmitEvent.Format.ps1xml'
        'TcpSessionEvent.Format.ps1xml'
        'TcpStateChangeEvent.Format.ps1xml'
    )
    TypesToProcess       = @('BpfTools.Types.ps1xml')
    CmdletsToExport      = @(
        'ConvertTo-BpfFlameGraph'
        'ConvertTo-BpfFoldedStack'
        'ConvertTo-BpfHeatMap'
        'Get-BpfCacheStat'
        'Get-BpfCpuProfile'
        'Get-BpfCpuTimeDistribution'
        'Get-BpfDirectReclaim'
        'Get-BpfDiskIo'
        'Get-BpfDiskIoSize'
        'Get-BpfDiskLatency'
        'Get-BpfDiskPattern'
        'Get-BpfExec'
        'Get-BpfInterruptTime'
        'Get-BpfOpen'
        'Get-BpfMount'
        'Get-BpfOffCpuTime'
        'Get-BpfOomKill'
        'Get-BpfProcessExit'
        'Get-BpfRunQueueDelay'
        'Get-BpfRunQueueLatency'
        'Get-BpfSignal'
        'Get-BpfSlowFileOperation'
        'Get-BpfSudoersRule'
        'Get-BpfSyscall'
        'Get-BpfTcpConnect'
        'Get-BpfTcpRetransmit'
        'Get-BpfTcpSession'
        'Get-BpfTcpStateChange'
        'Get-BpfTool'
        'Invoke-BpfTrace'
        'Merge-BpfHistogram'
        'Out-BpfReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('eBPF', 'bpftrace', 'bcc', 'Linux', 'Tracing', 'Observability')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            # A placeholder until the project has its public home.
            ProjectUri   = 'https://github.com/BpfTools/BpfTools'
            # build.ps1 -Task Package puts this version's CHANGELOG.md section here in the packaged manifest.
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
