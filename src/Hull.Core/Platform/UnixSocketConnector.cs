using System.Net.Sockets;

namespace Hull.Platform;

/// <summary>HTTP over a Unix socket: the <see cref="SocketsHttpHandler.ConnectCallback"/> every local client uses (the API, containerd).</summary>
internal static class UnixSocketConnector
{
    /// <summary>A connect callback whose every connection is a new connect(2) to <paramref name="socketPath"/>; the URL's host is only a header.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> To(string socketPath) => async (_, cancellationToken) =>
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
