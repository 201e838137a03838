using System.Net.WebSockets;

namespace Hull.Api;

/// <summary>Passes WebSocket messages both ways between the API's client and containerd's streaming server, unchanged.</summary>
internal static class ExecRelay
{
    private const int BufferSize = 32 * 1024;

    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Relays until either end closes, then starts the close handshake on the other and waits a little for it. Nothing
    /// is cancelled while messages may still be on their way: cancelling a WebSocket receive aborts the connection,
    /// and Kestrel drops what it had not sent yet (the process's exit status, last of all).
    /// </summary>
    public static async Task RunAsync(WebSocket client, WebSocket runtime, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var down = PumpAsync(runtime, client, stop.Token);
        var up = PumpAsync(client, runtime, stop.Token);
        var first = await Task.WhenAny(down, up).ConfigureAwait(false);
        await CloseOutputAsync(first == down ? client : runtime).ConfigureAwait(false);
        await Task.WhenAny(first == down ? up : down, Task.Delay(CloseWait, cancellationToken)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quietly(down), Quietly(up)).ConfigureAwait(false);
    }

    private static async Task PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        while (true)
        {
            var received = await from.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task Quietly(Task pump)
    {
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The other end went away; closing below is all that is left to do.
        }
    }

    /// <summary>Sends <paramref name="socket"/>'s close message if it has not yet, ignoring a peer that is already gone.</summary>
    public static async Task CloseOutputAsync(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CloseWait);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Gone already.
        }
    }
}
