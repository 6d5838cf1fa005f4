namespace BpfTools.Catalog;

/// <summary>What Get-BpfDiskIo asks of biosnoop.</summary>
/// <param name="Disk">Only this disk (-d), by its kernel name, or null.</param>
/// <param name="DiskDevice">The same disk's kernel dev_t (major &lt;&lt; 20 | minor), for the bpftrace program; null with no disk.</param>
/// <param name="IncludeQueueTime">Also time the requests in the OS queue (-Q).</param>
internal sealed record DiskIoOptions(string? Disk, long? DiskDevice, bool IncludeQueueTime);
