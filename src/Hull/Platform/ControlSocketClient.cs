using System.Net.Sockets;

namespace Hull.Platform;

/// <summary>The client side of a control socket (<see cref="ControlSocketServer"/>): one request line out, one reply line back.</summary>
internal static class ControlSocketClient
{
    /// <summary>
    /// Sends <paramref name="requestLine"/> to <paramref name="socketPath"/> and returns the reply line (empty when the
    /// server closed without one). Connection failures throw <see cref="SocketException"/>; the caller words them.
    /// </summary>
    public static async Task<string> ExchangeAsync(string socketPath, string requestLine, int maxReplyBytes, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        await ControlLine.WriteAsync(socket, requestLine, cancellationToken).ConfigureAwait(false);
        return await ControlLine.ReadAsync(socket, maxReplyBytes, cancellationToken).ConfigureAwait(false) ?? "";
    }
}
