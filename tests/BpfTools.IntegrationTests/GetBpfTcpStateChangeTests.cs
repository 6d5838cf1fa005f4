using System.Management.Automation;
using System.Net;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfTcpStateChange on this kernel, for real: loopback sessions on a listener port of the test's own (its
/// marker), found by that port.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfTcpStateChangeTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    private static int Int(PSObject o, string name) => Assert.IsType<int>(o.Properties[name].Value);

    private static string State(PSObject o, string name) => o.Properties[name].Value.ToString()!;

    private static bool Is(PSObject o, string from, string to) => State(o, "OldState") == from && State(o, "NewState") == to;

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Client_socket_found_by_remote_port_goes_through_connect_and_close(string backend)
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.Loopback))
        {
            port = tcp.Port;
            result = _session.Invoke($"Get-BpfTcpStateChange -Duration 4 -Backend {backend} -RemotePort {port}");
        }
        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(port, Int(o, "RemotePort")));
        var connected = result.Output.First(o => Is(o, "SynSent", "Established"));
        Assert.Equal("BpfTools.Records.TcpStateChangeEvent", connected.BaseObject.GetType().FullName);
        // connect() runs in this process; the SYN-ACK that completes it may arrive in softirq context on another
        // task, so the process is not checked.
        Assert.Equal(("IPv4", "127.0.0.1", "127.0.0.1"),
            (State(connected, "AddressFamily"), (string)connected.Properties["LocalAddress"].Value, (string)connected.Properties["RemoteAddress"].Value));
        Assert.InRange(Int(connected, "LocalPort"), 1, 65535);
        Assert.InRange(Assert.IsType<TimeSpan>(connected.Properties["TimeInOldState"].Value), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2));
        Assert.InRange(Assert.IsType<DateTime>(connected.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
        // The client closes first: ESTABLISHED -> FIN_WAIT1, and the same socket (SKADDR) is seen throughout.
        var socket = Assert.IsType<ulong>(connected.Properties["Socket"].Value);
        Assert.Contains(result.Output, o => Is(o, "Established", "FinWait1") && (ulong)o.Properties["Socket"].Value == socket);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("Libbpf")]
    [InlineData("Bpftrace")]
    public void Server_sockets_found_by_local_port_and_family_are_accepted_IPv6_connections(string backend)
    {
        PsResult result;
        int port;
        using (var tcp = new LoopbackTcp(IPAddress.IPv6Loopback))
        {
            port = tcp.Port;
            // Lower case, as users type it: the enum binds it.
            result = _session.Invoke($"Get-BpfTcpStateChange -Duration 4 -Backend {backend} -LocalPort {port} -AddressFamily ipv6");
        }
        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal((port, "IPv6"), (Int(o, "LocalPort"), State(o, "AddressFamily"))));
        var accepted = result.Output.First(o => Is(o, "SynRecv", "Established"));
        Assert.Equal(("::1", "::1"), ((string)accepted.Properties["LocalAddress"].Value, (string)accepted.Properties["RemoteAddress"].Value));
        Assert.NotEqual(port, Int(accepted, "RemotePort"));
        // The server closes last: CLOSE_WAIT -> LAST_ACK, in this process (the server's close()).
        var lastAck = result.Output.First(o => Is(o, "CloseWait", "LastAck"));
        Assert.Equal(Environment.ProcessId, Int(lastAck, "ProcessId"));
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        using var tcp = new LoopbackTcp(IPAddress.Loopback);
        var result = _session.Invoke($"Get-BpfTcpStateChange -Duration 3 -LocalPort {tcp.Port}");
        result.AssertNoErrors();
        var original = result.Output[0];
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is string or int or ulong or DateTime or TimeSpan or Enum, $"{property.Name} is {property.Value?.GetType()}");
            Assert.Equal(property.Value is Enum ? property.Value.ToString() : property.Value, copy.Properties[property.Name].Value);
        }
    }

    [Fact]
    public void Standin_bcc_tcpstates_gets_the_same_flags_and_its_output_goes_through_the_whole_cmdlet()
    {
        // bcc's tcpstates.py is not installed here and tests/fixtures has no published output of it: the stand-in
        // replays libbpf-tools' capture of `tcpstates -T -w` (bcc prints the same columns), plus a line of garbage.
        var replay = Path.Combine(Path.GetTempPath(), $"bpftools-tcpstates-{Guid.NewGuid():N}.txt");
        var record = replay + ".args";
        File.WriteAllLines(replay, [.. File.ReadAllLines(StandIn.Fixture("captured/tcpstates-libbpf-Tw.txt")), "ffff88810a5d09c0 garbage"]);
        try
        {
            using var headers = AssumedFeatures.KernelHeadersOnly();
            using var standIn = StandIn.Replay("tcpstates-bpfcc", replay, recordTo: record);
            var result = _session.Invoke("Get-BpfTcpStateChange -Duration 2 -Backend Bcc -LocalPort 47123 -AddressFamily IPv4");
            Assert.Null(result.Terminating);
            Assert.Equal(["-T", "-w", "-L", "47123", "-4"], StandIn.ReadRecord(record).Arguments);
            // The stand-in ignores its flags: the cmdlet's own filter keeps the rows of local port 47123.
            Assert.Equal(7, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal(47123, Int(o, "LocalPort")));
            Assert.Equal(["bpfcap-srv", "tcp cli space"], result.Output.Select(o => (string)o.Properties["ProcessName"].Value).Distinct().Order());
            var error = Assert.Single(result.Errors);
            Assert.Equal("UnparsableOutput,BpfTools.Commands.GetBpfTcpStateChangeCommand", error.FullyQualifiedErrorId);
        }
        finally
        {
            File.Delete(replay);
            File.Delete(record);
        }
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }
}
