using System.Management.Automation;
using System.Net;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfTcpSession on this kernel, for real: the test makes loopback sessions of 200000 bytes each way on a
/// listener port of its own, and looks for them by that port.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfTcpSessionTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    private static PSObject Half(PsResult result, Func<PSObject, bool> which) => result.Output.First(which);

    private static int Int(PSObject o, string name) => Assert.IsType<int>(o.Properties[name].Value);

    private static long Long(PSObject o, string name) => Assert.IsType<long>(o.Properties[name].Value);

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Server_half_found_by_local_port_has_the_bytes_the_test_sent(string backend)
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.Loopback))
        {
            port = tcp.Port;
            result = _session.Invoke($"Get-BpfTcpSession -Duration 4 -Backend {backend} -LocalPort {port} -ProcessId {Environment.ProcessId}");
        }
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(port, Int(o, "LocalPort")));
        var server = result.Output[0];
        Assert.Equal("BpfTools.Records.TcpSessionEvent", server.BaseObject.GetType().FullName);
        Assert.Equal(Environment.ProcessId, Int(server, "ProcessId"));
        Assert.Equal("IPv4", server.Properties["AddressFamily"].Value.ToString());
        Assert.Equal("127.0.0.1", server.Properties["LocalAddress"].Value);
        Assert.Equal("127.0.0.1", server.Properties["RemoteAddress"].Value);
        Assert.InRange(Int(server, "RemotePort"), 1, 65535);
        Assert.NotEqual(port, Int(server, "RemotePort"));
        AssertServerBytes(backend, Long(server, "TxBytes"), Long(server, "RxBytes"));
        Assert.InRange(Assert.IsType<TimeSpan>(server.Properties["Duration"].Value), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(10));
        Assert.InRange(Assert.IsType<DateTime>(server.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
        Assert.IsType<string>(server.Properties["ProcessName"].Value);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Client_half_found_by_remote_port_is_the_connecting_process(string backend)
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.Loopback))
        {
            port = tcp.Port;
            result = _session.Invoke($"Get-BpfTcpSession -Duration 4 -Backend {backend} -RemotePort {port}");
        }
        result.AssertNoErrors();
        var client = Half(result, o => Int(o, "RemotePort") == port);
        Assert.All(result.Output, o => Assert.Equal(port, Int(o, "RemotePort")));
        Assert.Equal(Environment.ProcessId, Int(client, "ProcessId"));
        // The connecting side's counters also hold its SYN: 200000 + SYN + FIN sent, 200000 + FIN received.
        var (tx, rx) = (Long(client, "TxBytes"), Long(client, "RxBytes"));
        if (backend == "Bpftrace")
        {
            Assert.Equal((LoopbackTcp.Bytes + 2L, LoopbackTcp.Bytes + 1L), (tx, rx));
        }
        else
        {
            Assert.InRange(tx, LoopbackTcp.Bytes - 6, LoopbackTcp.Bytes + 8);
            Assert.InRange(rx, LoopbackTcp.Bytes - 6, LoopbackTcp.Bytes + 7);
        }
        Assert.True((TimeSpan)client.Properties["Duration"].Value > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void IPv6_loopback_session_is_reported_as_IPv6(string backend)
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.IPv6Loopback))
        {
            port = tcp.Port;
            // Lower case, as users type it: the enum binds it, the tools get -6 and the cmdlet keeps IPv6 sessions.
            result = _session.Invoke($"Get-BpfTcpSession -Duration 4 -Backend {backend} -AddressFamily ipv6 -LocalPort {port}");
        }
        result.AssertNoErrors();
        var server = Half(result, o => Int(o, "LocalPort") == port);
        Assert.Equal(("IPv6", "::1", "::1"), (server.Properties["AddressFamily"].Value.ToString(), (string)server.Properties["LocalAddress"].Value, (string)server.Properties["RemoteAddress"].Value));
        Assert.Equal(Environment.ProcessId, Int(server, "ProcessId"));
        AssertServerBytes(backend, Long(server, "TxBytes"), Long(server, "RxBytes"));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Port_list_and_family_filters_keep_exactly_what_they_name(string backend)
    {
        using var first = new LoopbackTcp(IPAddress.Loopback);
        using var second = new LoopbackTcp(IPAddress.Loopback);
        using var ipv6 = new LoopbackTcp(IPAddress.IPv6Loopback);
        using var other = new LoopbackTcp(IPAddress.Loopback);
        var result = _session.Invoke(
            $"Get-BpfTcpSession -Duration 4 -Backend {backend} -LocalPort {first.Port},{second.Port},{ipv6.Port} -AddressFamily IPv4");
        result.AssertNoErrors();
        var ports = result.Output.Select(o => Int(o, "LocalPort")).ToHashSet();
        Assert.Contains(first.Port, ports);
        Assert.Contains(second.Port, ports);
        Assert.DoesNotContain(ipv6.Port, ports);
        Assert.DoesNotContain(other.Port, ports);
        Assert.All(result.Output, o => Assert.Equal("IPv4", o.Properties["AddressFamily"].Value.ToString()));
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        using var tcp = new LoopbackTcp(IPAddress.Loopback);
        var result = _session.Invoke($"Get-BpfTcpSession -Duration 3 -LocalPort {tcp.Port}");
        result.AssertNoErrors();
        var original = result.Output[0];
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is string or int or long or DateTime or TimeSpan or Enum, $"{property.Name} is {property.Value?.GetType()}");
            // An enum comes back as its name (remoting does not rebuild module types).
            Assert.Equal(property.Value is Enum ? property.Value.ToString() : property.Value, copy.Properties[property.Name].Value);
        }
    }

    [Fact]
    public void Port_outside_the_port_range_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Get-BpfTcpSession -Duration 1 -LocalPort 80,70000").Failure;
        Assert.Equal("ParameterArgumentValidationError,BpfTools.Commands.GetBpfTcpSessionCommand", error.FullyQualifiedErrorId);
        Assert.Empty(Kernel.ChildTools());
    }

    [Fact]
    public void Standin_bcc_tcplife_replaying_its_published_wide_output_goes_through_the_whole_cmdlet()
    {
        // bcc's tcplife.py cannot run here (not installed, no kernel headers): a stand-in takes its name and prints
        // its published `tcplife -w` output, with a line of garbage added; headers are assumed present.
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-tcplife-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("bcc-examples/tcplife-w.txt")), "26399 garbage"]);
        try
        {
            using var headers = AssumedFeatures.KernelHeadersOnly();
            using var standIn = StandIn.Replay("tcplife-bpfcc", replay, recordTo: record);
            var result = _session.Invoke("Get-BpfTcpSession -Duration 2 -Backend Bcc -AddressFamily IPv6 -RemotePort 22,22440");
            Assert.Null(result.Terminating);
            // bcc has no -6: the cmdlet filters the family itself.
            Assert.Equal(["-T", "-w", "-D", "22,22440"], StandIn.ReadRecord(record).Arguments);
            Assert.Equal(["ssh", "sshd"], result.Output.Select(o => (string)o.Properties["ProcessName"].Value));
            var ssh = result.Output[0];
            Assert.Equal(("IPv6", "fe80::8a3:9dff:fed5:6b19", 22440, 22),
                (ssh.Properties["AddressFamily"].Value.ToString(), (string)ssh.Properties["LocalAddress"].Value, Int(ssh, "LocalPort"), Int(ssh, "RemotePort")));
            Assert.Equal(26320, Int(ssh, "ProcessId"));
            Assert.Equal(1024L, Long(ssh, "TxBytes"));
            Assert.Equal(TimeSpan.FromMilliseconds(457.52), ssh.Properties["Duration"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfTcpSessionCommand", error.FullyQualifiedErrorId);
            Assert.Equal("26399 garbage", error.TargetObject);
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    // The accepting side: 200000 + FIN each way (its counters start after the SYN). libbpf-tools prints KB with
    // two decimals: within 0.005 KB (5.12 bytes).
    private static void AssertServerBytes(string backend, long tx, long rx)
    {
        if (backend == "Bpftrace")
        {
            Assert.Equal((LoopbackTcp.Bytes + 1L, LoopbackTcp.Bytes + 1L), (tx, rx));
        }
        else
        {
            Assert.InRange(tx, LoopbackTcp.Bytes - 5, LoopbackTcp.Bytes + 7);
            Assert.InRange(rx, LoopbackTcp.Bytes - 5, LoopbackTcp.Bytes + 7);
        }
    }
}
