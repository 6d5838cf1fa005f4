using System.Globalization;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>
/// Every wrapped tool, one declarative entry each, in a file of its own (ToolCatalog.Exec.cs...). Backend order is the Auto order: libbpf-tools first
/// (a compiled CO-RE binary attaches in well under a second and its quoted output keeps arguments exact),
/// then bcc's Python tool (same text format, but compiles at start and needs kernel headers), then the
/// bundled bpftrace program (tracepoints only, exact JSON, but LLVM compilation costs one to two seconds).
/// </summary>
internal static partial class ToolCatalog
{
    /// <summary>All tools, in the order Get-BpfTool lists them.</summary>
    /// <remarks>A property, not a field: the entries live in other files of this partial class, whose
    /// static initializers run in no guaranteed order relative to this one.</remarks>
    public static IReadOnlyList<ToolSpec> All => [Exec, Open, DiskIo, .. SlowFileOperation, TcpSession, TcpStateChange, TcpRetransmit, DiskLatency, RunQueueLatency, RunQueueDelay, CacheStat, CpuProfile, BpfTrace, Syscall, DiskPattern, CpuTimeDistribution, DiskIoSize, ProcessExit, HardInterruptTime, SoftInterruptTime, Mount, Signal, Kill, OomKill, DirectReclaim, OffCpuTime, TcpConnect, TcpAccept, TcpConnectLatency];

    private static string[] Flag(string flag, string? value) => value is null ? [] : [flag, value];

    private static string[] Switch(string flag, bool on) => on ? [flag] : [];

    // The tools' -4 / -6, from an -AddressFamily of IPv4, IPv6 or none.
    private static string[] FamilyFlag(IPFamily? family) => family switch
    {
        IPFamily.IPv4 => ["-4"],
        IPFamily.IPv6 => ["-6"],
        _ => [],
    };

    // AF_INET and AF_INET6, as the tracepoint's family field holds them.
    private static long? FamilyNumber(IPFamily? family) => family switch
    {
        IPFamily.IPv4 => 2,
        IPFamily.IPv6 => 10,
        _ => null,
    };

    private static string[] Flag(string flag, long? value) =>
        value is null ? [] : [flag, value.Value.ToString(CultureInfo.InvariantCulture)];

    // bpftrace programs take -1 for "no filter".
    private static string Number(long? value) => (value ?? -1).ToString(CultureInfo.InvariantCulture);
}
