using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Hull.Interop;

namespace Hull.Network;

/// <summary>
/// DHCP over a plain UDP socket on 0.0.0.0:68, pinned to one interface with SO_BINDTODEVICE so the
/// limited broadcast 255.255.255.255 leaves through it even though it has no address yet. Replies
/// must then come back as broadcasts (the BROADCAST flag), because without an address the kernel
/// drops unicast to the offered one. The socket lives in the network namespace of the thread that
/// called <see cref="Open"/>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class UdpDhcpTransport : IDhcpTransport
{
    private readonly Socket _socket;

    private UdpDhcpTransport(Socket socket) => _socket = socket;

    /// <summary>Opens and binds the socket for <paramref name="interfaceName"/>. Needs CAP_NET_RAW (for SO_BINDTODEVICE) and CAP_NET_BIND_SERVICE.</summary>
    public static UdpDhcpTransport Open(string interfaceName)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // socket(7): SO_BINDTODEVICE takes the interface name; the kernel reads up to IFNAMSIZ bytes.
            var name = Encoding.ASCII.GetBytes(interfaceName + "\0");
            socket.SetRawSocketOption(Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, name);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
            // Another client (or a previous run) may hold port 68 on a different interface.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, DhcpMessage.ClientPort));
            return new UdpDhcpTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
