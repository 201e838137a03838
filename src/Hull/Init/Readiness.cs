using System.Net.Sockets;

namespace Hull.Init;

/// <summary>Readiness probes for services.</summary>
internal static class Readiness
{
    /// <summary>True when a Unix socket at <paramref name="path"/> accepts a connection.</summary>
    public static bool UnixSocketAccepts(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
