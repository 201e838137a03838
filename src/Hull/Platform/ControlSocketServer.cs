using System.Net.Sockets;

namespace Hull.Platform;

/// <summary>
/// A root-only control socket (PID 1's <c>/run/hull/init.sock</c>, the updater's <c>/run/hull/updater.sock</c>): one
/// request line per connection, one reply line, then it closes. The socket is mode 0600 before it listens, and the
/// peer's uid (SO_PEERCRED) must be 0. Every connection runs on its own task with a deadline for its request line
/// (not for the work it asks for), and whatever goes wrong is answered through <c>refuse</c>, never thrown: the
/// owner must neither block nor die on a bad client.
/// </summary>
internal sealed class ControlSocketServer : IDisposable
{
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    // <sys/socket.h>: SOL_SOCKET 1, SO_PEERCRED 17 gives struct ucred { pid_t pid; uid_t uid; gid_t gid; }.
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    private readonly Socket _listener;
    private readonly string _path;
    private readonly string _owner;
    private readonly int _maxRequestBytes;
    private readonly Func<string, CancellationToken, Task<ControlReply>> _handle;
    private readonly Func<string, ControlReply> _refuse;
    private readonly TextWriter _console;
    private readonly CancellationTokenSource _stop = new();

    private ControlSocketServer(Socket listener, string path, string owner, int maxRequestBytes,
        Func<string, CancellationToken, Task<ControlReply>> handle, Func<string, ControlReply> refuse, TextWriter console)
    {
        _listener = listener;
        _path = path;
        _owner = owner;
        _maxRequestBytes = maxRequestBytes;
        _handle = handle;
        _refuse = refuse;
        _console = console;
    }

    /// <summary>The token handlers get: cancelled when the server is disposed.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// Listens on <paramref name="path"/> (a stale socket there is replaced). <paramref name="handle"/> answers a
    /// request line; <paramref name="refuse"/> turns a refusal into the protocol's reply; <paramref name="owner"/>
    /// names the component in console lines ("init", "updater").
    /// </summary>
    public static ControlSocketServer Start(string path, string owner, int maxRequestBytes,
        Func<string, CancellationToken, Task<ControlReply>> handle, Func<string, ControlReply> refuse, TextWriter console)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));

            // Before listen(2): until then a connect is refused, so nobody but root ever gets in.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new ControlSocketServer(listener, path, owner, maxRequestBytes, handle, refuse, console);
        _ = Task.Run(server.AcceptAsync, CancellationToken.None);
        return server;
    }

    /// <summary>Stops listening and removes the socket; requests under way still get their answer.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }

        // _stop is not disposed: connections still being served read its token.
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors and the like: say so, and do not spin.
                _console.WriteLine($"hull: {_owner}: {_path}: accept failed: {e.Message}");
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            _ = Task.Run(() => ServeAsync(client), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            ControlReply reply;
            try
            {
                if (await ReadAndHandleAsync(client).ConfigureAwait(false) is not { } answer)
                {
                    return;
                }

                reply = answer;
            }
            catch (Exception e)
            {
                // Whatever a request does, the owner answers and goes on.
                reply = _refuse($"the request failed: {e.Message}");
            }

            if (reply.Error is { } error)
            {
                _console.WriteLine($"hull: {_owner}: {_path}: refused: {error}");
            }

            using var deadline = new CancellationTokenSource(RequestDeadline);
            try
            {
                await ControlLine.WriteAsync(client, reply.Line, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client is gone; what it asked for is done all the same.
            }
        }
    }

    // Null for a connection closed before it sent a byte: PID 1's readiness probe, which needs no answer and is no error.
    private async Task<ControlReply?> ReadAndHandleAsync(Socket client)
    {
        var uid = PeerUid(client);
        if (uid != 0)
        {
            return _refuse($"only root may use {_path} (the client's uid is {uid})");
        }

        string? line;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            deadline.CancelAfter(RequestDeadline);
            try
            {
                line = await ControlLine.ReadAsync(client, _maxRequestBytes, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return _refuse($"no request line within {RequestDeadline.TotalSeconds:F0} s");
            }
        }

        if (line is { Length: 0 })
        {
            return null;
        }

        return line is null
            ? _refuse($"the request is longer than {_maxRequestBytes} bytes")
            : await _handle(line, _stop.Token).ConfigureAwait(false);
    }

    private static uint PeerUid(Socket client)
    {
        Span<byte> credentials = stackalloc byte[12];
        client.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return BitConverter.ToUInt32(credentials[4..8]);
    }
}
