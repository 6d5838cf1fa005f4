using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>A test of how BpfTools behaves on a kernel without kprobes: skipped, and says why, where kprobes exist.</summary>
internal sealed class NoKprobesFactAttribute : FactAttribute
{
    public NoKprobesFactAttribute()
    {
        if (Kernel.HasKprobes)
        {
            Skip = NoKprobes.SkipReason;
        }
    }
}

/// <summary>The data-driven form of <see cref="NoKprobesFactAttribute"/>.</summary>
internal sealed class NoKprobesTheoryAttribute : TheoryAttribute
{
    public NoKprobesTheoryAttribute()
    {
        if (Kernel.HasKprobes)
        {
            Skip = NoKprobes.SkipReason;
        }
    }
}

internal static class NoKprobes
{
    public const string SkipReason = "This kernel has kprobes: only a kernel without them can show this.";
}
