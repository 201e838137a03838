using System.Net;
using System.Net.Sockets;

namespace Hull.Testing;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on at the moment of asking.</summary>
public static class LoopbackPort
{
    /// <summary>Asks the kernel for a free port and releases it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
