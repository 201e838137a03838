using System.Text.Json;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// PID 1's control socket (<see cref="Services.ControlSocket"/>), a <see cref="ControlSocketServer"/>: one JSON
/// request line per connection (<see cref="InitRequest"/>), one JSON reply line (<see cref="InitReply"/>). Root only;
/// whatever is wrong with a request is answered, never thrown: PID 1 must neither block nor die on a bad client.
/// </summary>
internal sealed class InitControlServer : IDisposable
{
    private const int MaxRequestBytes = 4096;

    private readonly Supervisor _supervisor;
    private ControlSocketServer? _server;

    private InitControlServer(Supervisor supervisor)
    {
        _supervisor = supervisor;
    }

    /// <summary>Listens on <paramref name="path"/> (a stale socket there is replaced) and serves <paramref name="supervisor"/> until disposed.</summary>
    public static InitControlServer Start(string path, Supervisor supervisor, TextWriter console)
    {
        var server = new InitControlServer(supervisor);
        server._server = ControlSocketServer.Start(path, "init", MaxRequestBytes, server.HandleAsync, Refuse, console);
        return server;
    }

    /// <summary>Stops listening and removes the socket; requests under way still get their answer.</summary>
    public void Dispose() => _server?.Dispose();

    private static ControlReply Refuse(string error) => Reply(InitReply.Refused(error));

    private static ControlReply Reply(InitReply reply) => new(JsonSerializer.Serialize(reply, InitJsonContext.Default.InitReply), reply.Error);

    private async Task<ControlReply> HandleAsync(string line, CancellationToken stopping)
    {
        InitRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, InitJsonContext.Default.InitRequest);
        }
        catch (JsonException e)
        {
            return Refuse($"the request is not a JSON object such as {{\"restart\": [\"containerd\"]}}: {e.Message}");
        }

        if (request?.Restart is not { } names || names.Any(string.IsNullOrEmpty))
        {
            return Refuse("the request names no service to restart; send one line such as {\"restart\": [\"containerd\"]}");
        }

        // Every client of this socket is the apiserver (or reaches PID 1 through it): stopping it would cut off the
        // request that asked, and its answer. Settings never name it (ConfigurationFiles), so this is a refusal.
        if (names.Contains(Services.ApiServer, StringComparer.Ordinal))
        {
            return Refuse($"{Services.ApiServer} is not restarted on request: the request comes through it, and its answer would be lost");
        }

        return Reply(await _supervisor.RestartAsync(names, stopping).ConfigureAwait(false));
    }
}
