using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

/// <summary>When a failed tool's stderr means missing privileges, and when it means the kernel refused the program itself.</summary>
public class PermissionDeniedTests
{
    [Fact]
    public void Root_refused_by_libbpf_is_an_attach_failure_not_a_permission_problem()
    {
        // What libbpf-tools 0.26's biosnoop printed on this kernel, as root: its fentry program does not load.
        var stderr = Fixtures.Lines("captured/biosnoop-libbpf-stderr.txt").Where(l => l.Length > 0).ToList();
        Assert.Contains(stderr, l => StderrClassifier.Classify(l, out _) == StderrKind.PermissionDenied);
        Assert.False(StderrClassifier.SaysPermissionDenied(stderr));
    }

    [Fact]
    public void Refused_without_root_is_a_permission_problem()
    {
        Assert.True(StderrClassifier.SaysPermissionDenied(["libbpf: Error in bpf_object__probe_loading():Operation not permitted(1).", "failed to load BPF object: -1"]));
    }
}
