using System.Net;

namespace Hull.Network;

/// <summary>How <see cref="DhcpClient"/> sends and receives datagrams, so tests can stand in for the network.</summary>
internal interface IDhcpTransport : IDisposable
{
    /// <summary>Sends one datagram to <paramref name="destination"/>.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken);

    /// <summary>Waits for one datagram and returns its length.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
