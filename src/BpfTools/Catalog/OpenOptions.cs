namespace BpfTools.Catalog;

/// <summary>What Get-BpfOpen asks of opensnoop.</summary>
/// <param name="ProcessId">Only this process (-p), or null.</param>
/// <param name="Name">Only processes whose name contains this (-n), or null.</param>
/// <param name="Uid">Only this user id (-u), or null.</param>
/// <param name="FailedOnly">Only failed opens (-x).</param>
internal sealed record OpenOptions(int? ProcessId, string? Name, long? Uid, bool FailedOnly);
