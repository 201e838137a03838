using System.Net.WebSockets;

namespace Hull.Exec;

/// <summary>
/// The client end of an exec stream (<see cref="ExecProtocol"/>): sends stdin and terminal sizes, writes what the
/// process prints, and returns how it ended. One send at a time, as a WebSocket requires.
/// </summary>
public sealed class ExecSession : IDisposable
{
    private const int ChunkSize = 32 * 1024;

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private ExecSession(WebSocket socket) => _socket = socket;

    /// <summary>Connects to <paramref name="uri"/> (ws:// or wss://) through <paramref name="invoker"/> (null: a plain connection).</summary>
    public static async Task<ExecSession> ConnectAsync(Uri uri, HttpMessageInvoker? invoker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(ExecProtocol.SubProtocol);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken).ConfigureAwait(false);
            return new ExecSession(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Tells the process's terminal its size.</summary>
    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken) =>
        SendAsync(ExecProtocol.Resize(columns, rows), cancellationToken);

    /// <summary>
    /// Pumps <paramref name="stdin"/> (when given) to the process and its output to <paramref name="stdout"/> and
    /// <paramref name="stderr"/> until the server ends the stream. The end of stdin is not passed on (protocol
    /// version 4 has no way to say it): the process decides when it is done.
    /// </summary>
    public async Task<ExecOutcome> RunAsync(Stream? stdin, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = stdin is null ? Task.CompletedTask : PumpStdinAsync(stdin, stop.Token);
        try
        {
            return await ReceiveAsync(stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);

            // A read of a terminal cannot be cancelled: the pump is left to end with the process.
            _ = pump.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sending.Dispose();
    }

    private async Task<ExecOutcome> ReceiveAsync(Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        using var status = new MemoryStream();
        ExecChannel? channel = null;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var data = buffer.AsMemory(0, received.Count);
                if (channel is null && data.Length > 0)
                {
                    channel = (ExecChannel)data.Span[0];
                    data = data[1..];
                }

                switch (channel)
                {
                    case ExecChannel.Stdout:
                        await stdout.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case ExecChannel.Stderr:
                        await stderr.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                        await stderr.FlushAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case ExecChannel.Status:
                        status.Write(data.Span);
                        break;
                }

                if (received.EndOfMessage)
                {
                    channel = null;
                }
            }
        }
        catch (WebSocketException e)
        {
            return status.Length > 0 ? ExecProtocol.ParseStatus(status.ToArray()) : new ExecOutcome(null, $"the exec stream broke: {e.Message}");
        }

        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }

        return status.Length > 0 ? ExecProtocol.ParseStatus(status.ToArray()) : new ExecOutcome(null, "the exec stream ended without the command's exit status");
    }

    private async Task PumpStdinAsync(Stream stdin, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await stdin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0 || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await SendAsync(ExecProtocol.Frame(ExecChannel.Stdin, buffer.AsSpan(0, read)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }
}
