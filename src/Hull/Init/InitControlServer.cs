using System.Net.Sockets;
using System.Text.Json;

namespace Hull.Init;

/// <summary>
/// PID 1's control socket (<see cref="Services.ControlSocket"/>): one JSON request line per connection
/// (<see cref="InitRequest"/>), one JSON reply line (<see cref="InitReply"/>), then it closes. Root only: the
/// socket is mode 0600 before it listens, and the peer's uid (SO_PEERCRED) must be 0. Every connection runs on
/// its own task with a deadline for its request, and whatever is wrong with a request is answered, never thrown:
/// PID 1 must neither block nor die on a bad client.
/// </summary>
internal sealed class InitControlServer : IDisposable
{
    private const int MaxRequestBytes = 4096;
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    // <sys/socket.h>: SOL_SOCKET 1, SO_PEERCRED 17 gives struct ucred { pid_t pid; uid_t uid; gid_t gid; }.
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    private readonly Socket _listener;
    private readonly string _path;
    private readonly Supervisor _supervisor;
    private readonly TextWriter _console;
    private readonly CancellationTokenSource _stop = new();

    private InitControlServer(Socket listener, string path, Supervisor supervisor, TextWriter console)
    {
        _listener = listener;
        _path = path;
        _supervisor = supervisor;
        _console = console;
    }

    /// <summary>Listens on <paramref name="path"/> (a stale socket there is replaced) and serves <paramref name="supervisor"/> until disposed.</summary>
    public static InitControlServer Start(string path, Supervisor supervisor, TextWriter console)
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

        var server = new InitControlServer(listener, path, supervisor, console);
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
                _console.WriteLine($"hull: init: {_path}: accept failed: {e.Message}");
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
            InitReply reply;
            try
            {
                reply = await HandleAsync(client).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Whatever a request does, PID 1 answers and goes on.
                reply = InitReply.Refused($"the request failed: {e.Message}");
            }

            if (reply.Error is { } error)
            {
                _console.WriteLine($"hull: init: {_path}: refused: {error}");
            }

            using var deadline = new CancellationTokenSource(RequestDeadline);
            try
            {
                await ControlLine.WriteAsync(client, JsonSerializer.Serialize(reply, InitJsonContext.Default.InitReply), deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client is gone; what it asked for is done all the same.
            }
        }
    }

    private async Task<InitReply> HandleAsync(Socket client)
    {
        var uid = PeerUid(client);
        if (uid != 0)
        {
            return InitReply.Refused($"only root may use {_path} (the client's uid is {uid})");
        }

        string? line;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            deadline.CancelAfter(RequestDeadline);
            try
            {
                line = await ControlLine.ReadAsync(client, MaxRequestBytes, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return InitReply.Refused($"no request line within {RequestDeadline.TotalSeconds:F0} s");
            }
        }

        if (line is null)
        {
            return InitReply.Refused($"the request is longer than {MaxRequestBytes} bytes");
        }

        InitRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, InitJsonContext.Default.InitRequest);
        }
        catch (JsonException e)
        {
            return InitReply.Refused($"the request is not a JSON object such as {{\"restart\": [\"containerd\"]}}: {e.Message}");
        }

        if (request?.Restart is not { } names || names.Any(string.IsNullOrEmpty))
        {
            return InitReply.Refused("the request names no service to restart; send one line such as {\"restart\": [\"containerd\"]}");
        }

        // Every client of this socket is the apiserver (or reaches PID 1 through it): stopping it would cut off the
        // request that asked, and its answer. Settings never name it (ConfigurationFiles), so this is a refusal.
        if (names.Contains(Services.ApiServer, StringComparer.Ordinal))
        {
            return InitReply.Refused($"{Services.ApiServer} is not restarted on request: the request comes through it, and its answer would be lost");
        }

        return await _supervisor.RestartAsync(names, _stop.Token).ConfigureAwait(false);
    }

    private static uint PeerUid(Socket client)
    {
        Span<byte> credentials = stackalloc byte[12];
        client.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return BitConverter.ToUInt32(credentials[4..8]);
    }
}
