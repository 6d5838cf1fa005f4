using BpfTools.Catalog;
using BpfTools.Locator;
using BpfTools.Runner;
using Xunit;
using BpfTools.Records;

namespace BpfTools.Tests;

public class BccInvocationTests
{
    [Fact]
    public void Bcc_python_tools_run_unbuffered_so_events_stream()
    {
        var bcc = ToolCatalog.Exec.Backends.Single(b => b.Kind == BackendKind.Bcc);
        var invocation = ToolInvocation.For(new LocatedBackend(bcc.Kind, "/usr/sbin/execsnoop-bpfcc", null, null), ["-x"]);
        Assert.Equal("1", invocation.Environment["PYTHONUNBUFFERED"]);
    }
}
