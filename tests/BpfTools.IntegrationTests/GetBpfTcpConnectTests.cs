using System.Management.Automation;
using System.Net;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfTcpConnect on this kernel, for real, through the bpftrace program (tcpconnect, tcpaccept and tcpconnlat
/// need kprobes): loopback connections to a listener port of the test's own (its marker), found by that port.
/// Their libbpf and bcc backends are tested by stand-ins replaying published output.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfTcpConnectTests : IDisposable
{
    private const string Cmdlet = "BpfTools.Commands.GetBpfTcpConnectCommand";

    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    private static object? Value(PSObject o, string name) => o.Properties[name].Value;

    private static string Text(PSObject o, string name) => Value(o, name)?.ToString() ?? "";

    [Fact]
    public void Outbound_connections_of_this_process_come_with_their_remote_port_and_latency()
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.Loopback))
        {
            port = tcp.Port;
            result = _session.Invoke($"Get-BpfTcpConnect -Duration 4 -Backend Bpftrace -Port {port}");
        }
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(("Outbound", port), (Text(o, "Direction"), Assert.IsType<int>(Value(o, "RemotePort")))));
        var first = result.Output[0];
        Assert.Equal("BpfTools.Records.TcpConnectEvent", first.BaseObject.GetType().FullName);
        // connect() runs in this process (on a thread of its own: the pid is the process's).
        Assert.Equal(Environment.ProcessId, Assert.IsType<int>(Value(first, "ProcessId")));
        Assert.Equal(("IPv4", "127.0.0.1", "127.0.0.1"), (Text(first, "AddressFamily"), Text(first, "LocalAddress"), Text(first, "RemoteAddress")));
        Assert.InRange(Assert.IsType<int>(Value(first, "LocalPort")), 1, 65535);
        Assert.InRange(Assert.IsType<TimeSpan>(Value(first, "Latency")), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        Assert.InRange(Assert.IsType<DateTime>(Value(first, "Timestamp")), DateTime.Now.AddSeconds(-30), DateTime.Now);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Both_directions_pair_each_connect_with_its_accept_which_has_no_process()
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.IPv6Loopback))
        {
            port = tcp.Port;
            // Lower case, as users type it: the enums bind it.
            result = _session.Invoke($"Get-BpfTcpConnect both -Duration 4 -Backend Bpftrace -Port {port} -AddressFamily ipv6");
        }
        result.AssertNoErrors();
        var outbound = result.Output.Where(o => Text(o, "Direction") == "Outbound").ToList();
        var inbound = result.Output.Where(o => Text(o, "Direction") == "Inbound").ToList();
        Assert.NotEmpty(outbound);
        Assert.NotEmpty(inbound);
        Assert.All(result.Output, o => Assert.Equal(("IPv6", "::1", "::1"), (Text(o, "AddressFamily"), Text(o, "LocalAddress"), Text(o, "RemoteAddress"))));
        Assert.All(outbound, o => Assert.Equal(port, Value(o, "RemotePort")));
        Assert.All(inbound, o => Assert.Equal((port, null, null, null), (Value(o, "LocalPort"), Value(o, "ProcessId"), Value(o, "ProcessName"), Value(o, "Latency"))));
        // The accepted end of an outbound connection: its ports crossed.
        var connect = outbound[0];
        Assert.Contains(inbound, o => Equals(Value(o, "RemotePort"), Value(connect, "LocalPort")));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Auto_falls_to_the_bpftrace_program_for_inbound_connections_here()
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.Loopback))
        {
            port = tcp.Port;
            result = _session.Invoke($"Get-BpfTcpConnect -Direction Inbound -Duration 4 -Port {port} -Verbose");
        }
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(("Inbound", port), (Text(o, "Direction"), Value(o, "LocalPort"))));
        Assert.Contains(result.Verbose, v => v.StartsWith("tcpaccept: chose the Bpftrace backend", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bcc")]
    public void Both_directions_are_refused_to_the_tools_that_see_one(string backend)
    {
        var error = _session.Invoke($"Get-BpfTcpConnect -Direction Both -Backend {backend} -Duration 2").Failure;
        Assert.Equal($"BackendNotAvailable,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.StartsWith("-Direction Both needs the Bpftrace backend", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Latency_of_inbound_connections_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Get-BpfTcpConnect -Direction Inbound -Latency -Duration 2").Failure;
        Assert.Equal(($"LatencyNeedsOutbound,{Cmdlet}", ErrorCategory.InvalidArgument), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_libbpf_tcpconnect_gets_its_flags_and_published_rows_go_through_the_whole_cmdlet()
    {
        // libbpf-tools' tcpconnect needs kprobes: the stand-in replays bcc's published `tcpconnect -t` block
        // (libbpf's has the same header and rows), plus a line of garbage.
        var (result, arguments) = Replay("tcpconnect", "bcc-examples/tcpconnect-t.txt", AssumedFeatures.KprobesOnly(),
            "Get-BpfTcpConnect -Duration 2 -Backend Libbpf -Port 7101 -ProcessId 2482");
        Assert.Equal(["-t", "-U", "-p", "2482", "-P", "7101"], arguments);
        // The stand-in ignores its flags: the cmdlet's own filter keeps the rows of remote port 7101.
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(("Outbound", 2482, "local_agent", 7101, null), (Text(o, "Direction"), Value(o, "ProcessId"),
            Value(o, "ProcessName"), Value(o, "RemotePort"), Value(o, "Latency"))));
        Assert.Equal(90.938 - 31.878, ((DateTime)Value(result.Output[1], "Timestamp")! - (DateTime)Value(result.Output[0], "Timestamp")!).TotalSeconds, 3);
        Assert.Equal($"UnparsableOutput,{Cmdlet}", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Standin_bcc_tcpaccept_replays_published_rows_as_inbound_connections()
    {
        var (result, arguments) = Replay("tcpaccept-bpfcc", "bcc-examples/tcpaccept.txt", AssumedFeatures.All(),
            "Get-BpfTcpConnect Inbound -Duration 2 -Backend Bcc -Port 22 -AddressFamily IPv4");
        Assert.Equal(["-t", "-P", "22", "-4"], arguments);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(("Inbound", 907, "sshd", 22), (Text(o, "Direction"), Value(o, "ProcessId"), Value(o, "ProcessName"), Value(o, "LocalPort"))));
        Assert.Equal("192.168.56.1", Value(result.Output[0], "RemoteAddress"));
        // The old tcpaccept's IPv6 row (...fec0ae21 addresses) and the garbage line.
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Standin_bcc_tcpconnlat_gives_latency_and_the_cmdlet_filters_the_port_it_cannot_take()
    {
        var (result, arguments) = Replay("tcpconnlat-bpfcc", "bcc-examples/tcpconnlat.txt", AssumedFeatures.All(),
            "Get-BpfTcpConnect -Latency -Duration 2 -Backend Bcc -Port 443");
        Assert.Equal(["-t", "-L"], arguments);
        Assert.Equal([1.60, 0.95, 0.99], result.Output.Select(o => ((TimeSpan)Value(o, "Latency")!).TotalMilliseconds));
        Assert.All(result.Output, o => Assert.Equal(("wget", 443), (Value(o, "ProcessName"), Value(o, "RemotePort"))));
    }

    /// <summary>Runs <paramref name="script"/> with a stand-in <paramref name="tool"/> replaying <paramref name="fixture"/> and a garbage line.</summary>
    private (PsResult Result, string[] Arguments) Replay(string tool, string fixture, AssumedFeatures assumed, string script)
    {
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-{tool}-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture(fixture)), "2482   garbage"]);
        try
        {
            using (assumed)
            using (StandIn.Replay(tool, replay, recordTo: record))
            {
                var result = _session.Invoke(script);
                Assert.Null(result.Terminating);
                Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
                return (result, StandIn.ReadRecord(record).Arguments);
            }
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
    }
}
