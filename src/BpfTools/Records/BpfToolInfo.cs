using BpfTools.Catalog;

namespace BpfTools.Records;

/// <summary>One backend of one wrapped tool, as found on this host.</summary>
public sealed class BpfToolInfo
{
    /// <summary>The tool's usual name (execsnoop).</summary>
    public string Tool { get; init; } = "";

    /// <summary>The cmdlet that wraps it.</summary>
    public string Cmdlet { get; init; } = "";

    /// <summary>The backend.</summary>
    public BackendKind Backend { get; init; }

    /// <summary>Its position in the Auto order (1 is tried first).</summary>
    public int Preference { get; init; }

    /// <summary>The kernel instrumentation it attaches to.</summary>
    public ProbeKind Probes { get; init; }

    /// <summary>Whether its executable was found.</summary>
    public bool Installed { get; init; }

    /// <summary>The executable, when found.</summary>
    public string Path { get; init; } = "";

    /// <summary>The version the executable reports, when it does.</summary>
    public string Version { get; init; } = "";

    /// <summary>Whether it can run here, as far as can be told without running it.</summary>
    public bool CanRun { get; init; }

    /// <summary>Why it cannot run, and what to do about it; empty when it can.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The stable id of the reason (ToolNotInstalled, KprobesUnavailable...), empty when it can run.</summary>
    public string ReasonId { get; init; } = "";
}
