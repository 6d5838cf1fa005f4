namespace BpfTools.Catalog;

/// <summary>What Get-BpfExec asks of execsnoop.</summary>
/// <param name="Name">Only processes whose name contains this (execsnoop's -n), or null.</param>
/// <param name="Uid">Only this user id (execsnoop's -u), or null.</param>
internal sealed record ExecOptions(string? Name, long? Uid);
