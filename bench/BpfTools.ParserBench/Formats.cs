using BpfTools.Catalog;
using BpfTools.Parsers;
using static BpfTools.Records.BackendKind;

/// <summary>Every output format BpfTools parses, each on its captured (or published) fixture.</summary>
public static class Formats
{
    public static readonly IReadOnlyList<ParserFormat> All =
    [
        // Text printed by libbpf-tools and bcc.
        ParserFormat.For("opensnoop text", ToolCatalog.Open, Libbpf, "captured/opensnoop-libbpf-TUe.txt"),
        ParserFormat.For("execsnoop text", ToolCatalog.Exec, Libbpf, "captured/execsnoop-libbpf-xtUq.txt"),
        ParserFormat.For("exitsnoop text", ToolCatalog.ProcessExit, Libbpf, "captured/exitsnoop-libbpf-t.txt"),
        ParserFormat.For("sigsnoop text", ToolCatalog.Signal, Libbpf, "captured/sigsnoop-libbpf.txt"),
        ParserFormat.For("mountsnoop text", ToolCatalog.Mount, Libbpf, "captured/mountsnoop-libbpf-t.txt"),
        ParserFormat.For("oomkill text", ToolCatalog.OomKill, Bcc, "bcc-examples/oomkill.txt"),
        ParserFormat.For("drsnoop text", ToolCatalog.DirectReclaim, Bcc, "bcc-examples/drsnoop.txt"),
        ParserFormat.For("biosnoop text", ToolCatalog.DiskIo, Bcc, "bcc-examples/biosnoop.txt"),
        ParserFormat.For("tcplife text", ToolCatalog.TcpSession, Libbpf, "captured/tcplife-libbpf-T.txt"),
        ParserFormat.For("tcpstates text", ToolCatalog.TcpStateChange, Libbpf, "captured/tcpstates-libbpf-Tw.txt"),
        ParserFormat.For("tcpconnect text", ToolCatalog.TcpConnect, Libbpf, "bcc-examples/tcpconnect-t.txt"),
        ParserFormat.For("tcpaccept text", ToolCatalog.TcpAccept, Bcc, "bcc-examples/tcpaccept-t.txt"),
        ParserFormat.For("tcpconnlat text", ToolCatalog.TcpConnectLatency, Bcc, "published/tcpconnlat-L-bcc-pr3316.txt"),
        ParserFormat.For("runqslower text", ToolCatalog.RunQueueDelay, Libbpf, "captured/runqslower-libbpf-P-100.txt"),
        ParserFormat.For("tcpretrans text", ToolCatalog.TcpRetransmit, Bcc, "bcc-examples/tcpretrans-l.txt"),
        ParserFormat.For("fsslower text", ToolCatalog.SlowFileOperationOn("ext4"), Libbpf, "transcribed/fsslower-libbpf-from-ext4slower-example.txt"),
        ParserFormat.For("ext4slower text", ToolCatalog.SlowFileOperationOn("ext4"), Bcc, "bcc-examples/ext4slower.txt"),
        ParserFormat.For("profile folded", ToolCatalog.CpuProfile, Libbpf, "bcc-examples/profile-folded.txt"),
        ParserFormat.For("cachestat text", ToolCatalog.CacheStat, Libbpf, "transcribed/cachestat-libbpf-from-bcc-example.txt", isEventFormat: false),
        ParserFormat.For("biolatency histogram", ToolCatalog.DiskLatency, Libbpf, "captured/biolatency-libbpf-DT-interval.txt", isEventFormat: false),
        ParserFormat.For("runqlat histogram", ToolCatalog.RunQueueLatency, Libbpf, "captured/runqlat-libbpf-PT-interval.txt", isEventFormat: false),
        ParserFormat.For("cpudist histogram", ToolCatalog.CpuTimeDistribution, Libbpf, "captured/cpudist-libbpf-P-i1-c2.txt", isEventFormat: false),
        ParserFormat.For("bitesize histogram", ToolCatalog.DiskIoSize, Libbpf, "captured/bitesize-libbpf-T-i1-c2.txt", isEventFormat: false),
        ParserFormat.For("syscount text", ToolCatalog.Syscall, Libbpf, "captured/syscount-libbpf-L-i1-d3.txt", isEventFormat: false),
        ParserFormat.For("biopattern text", ToolCatalog.DiskPattern, Libbpf, "captured/biopattern-libbpf-T-i1-c3.txt", isEventFormat: false),
        ParserFormat.For("softirqs text", ToolCatalog.SoftInterruptTime, Libbpf, "captured/softirqs-libbpf-NT-i1-c2.txt", isEventFormat: false),
        ParserFormat.For("hardirqs histogram", ToolCatalog.HardInterruptDistribution, Libbpf, "captured/hardirqs-libbpf-d-sigint.txt", isEventFormat: false),
        ParserFormat.For("offcputime text", ToolCatalog.OffCpuTime, Libbpf, "captured/offcputime-libbpf-m100000-2.txt", isEventFormat: false),

        // JSON printed by BpfTools' bpftrace programs.
        ParserFormat.For("opensnoop.bt json", ToolCatalog.Open, Bpftrace, "captured/opensnoop-bpftrace.json"),
        ParserFormat.For("execsnoop.bt json", ToolCatalog.Exec, Bpftrace, "captured/execsnoop-bpftrace.json"),
        ParserFormat.For("exitsnoop.bt json", ToolCatalog.ProcessExit, Bpftrace, "captured/exitsnoop-bpftrace-T.json"),
        ParserFormat.For("sigsnoop.bt json", ToolCatalog.Kill, Bpftrace, "captured/sigsnoop-bpftrace-k.json"),
        ParserFormat.For("oomkill.bt json", ToolCatalog.OomKill, Bpftrace, "captured/oomkill-bpftrace.json"),
        ParserFormat.For("biosnoop.bt json", ToolCatalog.DiskIo, Bpftrace, "captured/biosnoop-bpftrace-Q.json"),
        ParserFormat.For("tcplife.bt json", ToolCatalog.TcpSession, Bpftrace, "captured/tcplife-bpftrace.json"),
        ParserFormat.For("tcpstates.bt json", ToolCatalog.TcpStateChange, Bpftrace, "captured/tcpstates-bpftrace.json"),
        ParserFormat.For("tcpconnect.bt json", ToolCatalog.TcpConnect, Bpftrace, "captured/tcpconnect-bpftrace-both.json"),
        ParserFormat.For("runqslower.bt json", ToolCatalog.RunQueueDelay, Bpftrace, "captured/runqslower-bpftrace-1000.json"),
        ParserFormat.For("tcpretrans.bt json", ToolCatalog.TcpRetransmit, Bpftrace, "captured/tcpretrans-bpftrace.json"),
        ParserFormat.For("profile.bt json", ToolCatalog.CpuProfile, Bpftrace, "captured/profile-bpftrace-both.json", isEventFormat: false),
        ParserFormat.For("biolatency.bt hist", ToolCatalog.DiskLatency, Bpftrace, "captured/biolatency-bpftrace-perdisk-interval.json", isEventFormat: false),
        ParserFormat.For("runqlat.bt hist", ToolCatalog.RunQueueLatency, Bpftrace, "captured/runqlat-bpftrace-perthread.json", isEventFormat: false),
        ParserFormat.For("cpudist.bt hist", ToolCatalog.CpuTimeDistribution, Bpftrace, "captured/cpudist-bpftrace-OLm-i1.json", isEventFormat: false),
        ParserFormat.For("bitesize.bt hist", ToolCatalog.DiskIoSize, Bpftrace, "captured/bitesize-bpftrace-d-i1.json", isEventFormat: false),
        ParserFormat.For("syscount.bt json", ToolCatalog.Syscall, Bpftrace, "captured/syscount-bpftrace-L-i1.json", isEventFormat: false),
        ParserFormat.For("biopattern.bt json", ToolCatalog.DiskPattern, Bpftrace, "captured/biopattern-bpftrace-i1.json", isEventFormat: false),
        ParserFormat.For("offcputime.bt json", ToolCatalog.OffCpuTime, Bpftrace, "captured/offcputime-bpftrace.json", isEventFormat: false),

        // JSON printed by an admin's own program (Invoke-BpfTrace): tuples, printf lines, maps and histograms.
        // The example program's tuples are an event stream; the mix of every kind (maps, histograms, stats at
        // the end) is a summary, like the tools' histograms.
        ParserFormat.For("Invoke-BpfTrace tuples json", ToolCatalog.BpfTrace, Bpftrace, "captured/bpftrace-program-opens.json"),
        ParserFormat.For("Invoke-BpfTrace kinds json", ToolCatalog.BpfTrace, Bpftrace, "captured/bpftrace-program-kinds.json", isEventFormat: false),
    ];

    public static ParserFormat Named(string name) => All.Single(f => f.Name == name);
}
