using System.Diagnostics;

namespace BpfTools.IntegrationTests;

/// <summary>
/// Real TCP retransmits, made safely: two network namespaces of the test's own joined by a veth pair
/// (10.213.7.1 in A, 10.213.7.2 in B), whose nftables drop 30% of the TCP segments arriving for the two marker
/// ports. A streams to B over IPv4 and to itself over ::1 for IPv6, so A retransmits on both. Nothing leaves the
/// namespaces; every process is bounded by `timeout`, and Dispose kills them and deletes the namespaces.
/// </summary>
/// <remarks>
/// netem (tc qdisc ... netem loss 30%) would be the usual way, but this kernel is built without it
/// (CONFIG_NET_SCH_NETEM is not set); nftables' numgen gives the same random loss. Needs iproute2, nftables, socat.
/// </remarks>
internal sealed class LossyNetwork : IDisposable
{
    public const string LocalV4 = "10.213.7.1";
    public const string RemoteV4 = "10.213.7.2";

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private readonly string _a;
    private readonly string _b;
    private readonly List<Process> _background = [];

    private LossyNetwork()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        _a = $"bpftools-rt{id}-a";
        _b = $"bpftools-rt{id}-b";
        Port4 = Random.Shared.Next(20000, 60000);
        Port6 = Port4 + 1;
        VethA = $"rt{id}a";
        VethB = $"rt{id}b";
    }

    /// <summary>The IPv4 marker: B listens on it, A streams to it.</summary>
    public int Port4 { get; }

    /// <summary>The IPv6 marker: A listens on ::1 and streams to it.</summary>
    public int Port6 { get; }

    /// <summary>The namespaces, for checks that they are gone.</summary>
    public IReadOnlyList<string> Namespaces => [_a, _b];

    private string VethA { get; }

    private string VethB { get; }

    /// <summary>Sets it all up and starts the traffic; it runs until disposed (at most <see cref="Lifetime"/>).</summary>
    public static LossyNetwork Start()
    {
        foreach (var tool in new[] { "/usr/bin/socat", "/usr/sbin/nft", "/usr/sbin/ip" }.Where(t => !File.Exists(t)))
        {
            throw new InvalidOperationException($"{tool} is missing: apt-get install iproute2 nftables socat (.ci/setup does).");
        }
        var net = new LossyNetwork();
        try
        {
            net.Build();
            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    /// <summary>Namespace names that `ip netns list` shows.</summary>
    public static string ListNamespaces() => Run("ip", ["netns", "list"]);

    public void Dispose()
    {
        foreach (var process in _background)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        foreach (var ns in Namespaces)
        {
            // Deleting A also deletes the veth pair; a namespace that was never made is not an error here.
            TryRun("ip", ["netns", "del", ns]);
        }
    }

    private void Build()
    {
        Run("ip", ["netns", "add", _a]);
        Run("ip", ["netns", "add", _b]);
        Run("ip", ["link", "add", VethA, "netns", _a, "type", "veth", "peer", "name", VethB, "netns", _b]);
        Run("ip", ["-n", _a, "addr", "add", LocalV4 + "/30", "dev", VethA]);
        Run("ip", ["-n", _b, "addr", "add", RemoteV4 + "/30", "dev", VethB]);
        foreach (var (ns, veth) in new[] { (_a, VethA), (_b, VethB) })
        {
            Run("ip", ["-n", ns, "link", "set", "lo", "up"]);
            Run("ip", ["-n", ns, "link", "set", veth, "up"]);
        }
        // Dropped on arrival, so the sender does not know: dropped on its way out, a segment fails to be sent
        // (EPERM from the output hook) and TCP simply sends it later, which is not a retransmit.
        foreach (var ns in Namespaces)
        {
            Run("ip", ["netns", "exec", ns, "nft", "-f", "-"], $$"""
                table inet bpftools {
                  chain in {
                    type filter hook input priority 0; policy accept;
                    tcp dport { {{Port4}}, {{Port6}} } numgen random mod 100 < 30 drop
                  }
                }
                """);
        }
        var seconds = ((int)Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        InBackground(_b, seconds, "-u", $"TCP4-LISTEN:{Port4},reuseaddr", "OPEN:/dev/null,wronly");
        InBackground(_a, seconds, "-u", $"TCP6-LISTEN:{Port6},reuseaddr", "OPEN:/dev/null,wronly");
        // retry: the listeners may not be listening yet.
        InBackground(_a, seconds, "-u", "/dev/zero", $"TCP4:{RemoteV4}:{Port4},retry=50,interval=0.1");
        InBackground(_a, seconds, "-u", "/dev/zero", $"TCP6:[::1]:{Port6},retry=50,interval=0.1");
    }

    private void InBackground(string ns, string seconds, params string[] socat)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", ns, "timeout", seconds, "socat", .. socat])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _background.Add(Process.Start(start)!);
    }

    private static string Run(string file, string[] args, string? stdin = null)
    {
        var (code, output) = Execute(file, args, stdin);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {output}");
    }

    private static void TryRun(string file, string[] args) => Execute(file, args, null);

    private static (int Code, string Output) Execute(string file, string[] args, string? stdin)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
