using System.Net;
using System.Net.Sockets;

namespace BpfTools.IntegrationTests;

/// <summary>
/// TCP sessions of a known size on loopback, made by this process again and again until disposed: a listener on a
/// free port (the test's marker) and a client that connects, sends <see cref="Bytes"/>, reads as many back, and
/// closes first; the server then closes its half. Every session has the same shape, so its counters are known.
/// </summary>
internal sealed class LoopbackTcp : IDisposable
{
    public const int Bytes = 200_000;

    private readonly TcpListener _listener;
    private readonly IDisposable _clients;

    public LoopbackTcp(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _clients = Kernel.Repeat(() => RunOne(address), everyMs: 300);
    }

    /// <summary>The listener's port.</summary>
    public int Port { get; }

    public void Dispose()
    {
        _clients.Dispose();
        _listener.Stop();
    }

    private void RunOne(IPAddress address)
    {
        var server = Task.Run(async () =>
        {
            using var accepted = await _listener.AcceptTcpClientAsync();
            var stream = accepted.GetStream();
            await ReadExactly(stream, Bytes);
            await stream.WriteAsync(new byte[Bytes]);
            // Wait for the client's FIN, so the server's half always ends through LAST_ACK.
            await ReadExactly(stream, 0);
        });
        using (var client = new TcpClient(address.AddressFamily))
        {
            client.Connect(address, Port);
            var stream = client.GetStream();
            stream.Write(new byte[Bytes]);
            ReadExactly(stream, Bytes).GetAwaiter().GetResult();
        }
        server.GetAwaiter().GetResult();
    }

    /// <summary>Reads <paramref name="count"/> bytes, then expects the end of the stream when <paramref name="count"/> is 0.</summary>
    private static async Task ReadExactly(NetworkStream stream, int count)
    {
        var buffer = new byte[65536];
        var total = 0;
        while (count == 0 || total < count)
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                return;
            }
            total += n;
        }
    }
}
