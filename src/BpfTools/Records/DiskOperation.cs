namespace BpfTools.Records;

/// <summary>What a block I/O request does: the operation letters of the kernel's RWBS text.</summary>
public enum DiskOperation
{
    /// <summary>The RWBS text could not be read.</summary>
    Unknown,
    /// <summary>R: read.</summary>
    Read,
    /// <summary>W: write.</summary>
    Write,
    /// <summary>F alone: a cache flush with no data.</summary>
    Flush,
    /// <summary>D: discard (TRIM/UNMAP).</summary>
    Discard,
    /// <summary>DE: secure erase.</summary>
    SecureErase,
    /// <summary>WZ: write zeroes.</summary>
    WriteZeroes,
    /// <summary>ZA: zone append (zoned devices).</summary>
    ZoneAppend,
    /// <summary>ZR: zone reset (ZRA: all zones).</summary>
    ZoneReset,
    /// <summary>ZF: zone finish.</summary>
    ZoneFinish,
    /// <summary>ZO: zone open.</summary>
    ZoneOpen,
    /// <summary>ZC: zone close.</summary>
    ZoneClose,
    /// <summary>N: any other operation (driver-private, passthrough).</summary>
    Other,
}
