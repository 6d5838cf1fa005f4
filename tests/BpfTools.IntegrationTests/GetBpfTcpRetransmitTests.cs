using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Get-BpfTcpRetransmit on this kernel, for real: each test makes its own lossy namespaces (LossyNetwork), whose
/// random ports are its markers. The bcc backend needs kprobes, which this kernel lacks: it is tested with a stand-in.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class GetBpfTcpRetransmitTests : IDisposable
{
    private static readonly string[] StateNames =
        ["ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "CLOSING"];

    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Real_retransmits_on_a_lossy_veth_pair_come_out_typed_with_the_right_addresses_and_ports()
    {
        PsResult result;
        IReadOnlyList<string> namespaces;
        using (var net = LossyNetwork.Start())
        {
            namespaces = net.Namespaces;
            result = _session.Invoke($"Get-BpfTcpRetransmit -Duration 5 | Where RemotePort -eq {net.Port4}");
        }
        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        var first = result.Output[0];
        Assert.Equal("BpfTools.Records.TcpRetransmitEvent", first.BaseObject.GetType().FullName);
        Assert.InRange(Assert.IsType<DateTime>(first.Properties["Timestamp"].Value), DateTime.Now.AddSeconds(-30), DateTime.Now);
        Assert.True(Assert.IsType<int>(first.Properties["ProcessId"].Value) >= 0);
        Assert.IsType<int>(first.Properties["LocalPort"].Value);
        Assert.All(result.Output, o =>
        {
            Assert.Equal(LossyNetwork.LocalV4, o.Properties["LocalAddress"].Value);
            Assert.Equal(LossyNetwork.RemoteV4, o.Properties["RemoteAddress"].Value);
            Assert.Equal("IPv4", o.Properties["AddressFamily"].Value.ToString());
            Assert.Equal("Retransmit", o.Properties["Kind"].Value.ToString());
            Assert.Contains(Assert.IsType<string>(o.Properties["State"].Value), StateNames);
        });
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
        var left = LossyNetwork.ListNamespaces();
        Assert.All(namespaces, ns => Assert.DoesNotContain(ns, left, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("IPv4", "2")]
    [InlineData("ipv6", "10")] // lower case, as users type it
    public void AddressFamily_is_filtered_in_the_kernel(string family, string parameter)
    {
        using var net = LossyNetwork.Start();
        var result = _session.Invoke($"Get-BpfTcpRetransmit -Duration 5 -AddressFamily {family} -Verbose | Where {{ $_.RemotePort -in {net.Port4},{net.Port6} }}");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.EndsWith($"tcpretrans.bt -- {parameter} 15", StringComparison.Ordinal));
        var (port, address) = family.Equals("IPv4", StringComparison.OrdinalIgnoreCase) ? (net.Port4, LossyNetwork.RemoteV4) : (net.Port6, "::1");
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal(family, o.Properties["AddressFamily"].Value.ToString(), ignoreCase: true);
            Assert.Equal(port, o.Properties["RemotePort"].Value);
            Assert.Equal(address, o.Properties["RemoteAddress"].Value);
        });
    }

    [Fact]
    public void Every_property_is_a_scalar_and_survives_CliXml()
    {
        PsResult result;
        using (var net = LossyNetwork.Start())
        {
            result = _session.Invoke($"Get-BpfTcpRetransmit -Duration 5 | Where RemotePort -eq {net.Port6}");
        }
        var original = result.Output[0];
        var copy = (PSObject)PSSerializer.Deserialize(PSSerializer.Serialize(original));
        foreach (var property in original.Properties)
        {
            Assert.True(property.Value is string or int or DateTime or Enum, $"{property.Name} is {property.Value?.GetType()}");
            // An enum comes back as its name (remoting does not rebuild module types).
            Assert.Equal(property.Value!.ToString(), copy.Properties[property.Name].Value?.ToString());
        }
        Assert.Equal("::1", copy.Properties["LocalAddress"].Value);
    }

    [Fact]
    public void MaxEvents_stops_tracing_long_before_the_Duration()
    {
        using var net = LossyNetwork.Start();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = _session.Invoke("Get-BpfTcpRetransmit -MaxEvents 2 -Duration 60");
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 30);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Bpftrace_backend_warns_that_it_cannot_see_tail_loss_probes()
    {
        var result = _session.Invoke("Get-BpfTcpRetransmit -Backend Bpftrace -IncludeTailLossProbe -Duration 1");
        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.StartsWith("Tail loss probes are seen only by bcc", StringComparison.Ordinal));
    }

    [Fact]
    public void Standin_bcc_tool_replaying_the_published_lossprobe_capture_gives_typed_events_through_the_cmdlet()
    {
        using var kernel = AssumedFeatures.All();
        using var standIn = StandIn.Replay("tcpretrans-bpfcc", StandIn.Fixture("bcc-examples/tcpretrans-l.txt"));
        var result = _session.Invoke("Get-BpfTcpRetransmit -Backend Bcc -IncludeTailLossProbe -AddressFamily IPv4 -Duration 2 -Verbose");
        result.AssertNoErrors();
        Assert.Empty(result.Warnings);
        Assert.Contains(result.Verbose, v => v.EndsWith("tcpretrans-bpfcc -l -4", StringComparison.Ordinal));
        Assert.Equal(11, result.Output.Count);
        var probe = Assert.Single(result.Output, o => o.Properties["Kind"].Value.ToString() == "TailLossProbe");
        Assert.Equal(("10.153.223.157", 22), ((string)probe.Properties["LocalAddress"].Value, (int)probe.Properties["LocalPort"].Value));
        Assert.Equal(("69.53.245.40", 46444), ((string)probe.Properties["RemoteAddress"].Value, (int)probe.Properties["RemotePort"].Value));
        Assert.Equal("ESTABLISHED", probe.Properties["State"].Value);
        Assert.Equal(1938, Assert.Single(result.Output, o => (int)o.Properties["ProcessId"].Value != 0).Properties["ProcessId"].Value);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Standin_bcc_tool_output_is_filtered_to_the_asked_family_like_the_real_tool()
    {
        using var kernel = AssumedFeatures.All();
        using var standIn = StandIn.Replay("tcpretrans-bpfcc", StandIn.Fixture("bcc-examples/tcpretrans.txt"));
        var result = _session.Invoke("Get-BpfTcpRetransmit -Backend Bcc -AddressFamily IPv6 -Duration 2");
        result.AssertNoErrors();
        Assert.Empty(result.Output);
    }
}
