using System.Net;
using System.Net.Sockets;

namespace Signaling.Storage.Specification;

/// <summary>
/// A free loopback port for a server a test starts. Picked below the kernel's ephemeral range (32768–60999 by default):
/// a port found by binding port 0 comes from that range, and in CI one was handed to another process's outgoing
/// connection before the gateway bound it ("address already in use"). Below it only listeners compete.
/// </summary>
public static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
